package io.raftpool.proxy.protocol;

import java.util.Objects;

/**
 * An error raftpool reports to a client as a PostgreSQL ErrorResponse. Every failure a client can see goes
 * through this type, so the client always gets a SQLSTATE and a message it can read.
 */
public class PgException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** ErrorResponse severities. FATAL ends the session. */
    public enum Severity { ERROR, FATAL }

    private final Severity severity;
    private final String sqlState;
    private final String detail;
    private final String hint;

    public PgException(Severity severity, String sqlState, String message, String detail, String hint) {
        super(Objects.requireNonNull(message));
        this.severity = Objects.requireNonNull(severity);
        this.sqlState = Objects.requireNonNull(sqlState);
        this.detail = detail;
        this.hint = hint;
    }

    public static PgException fatal(String sqlState, String message) {
        return new PgException(Severity.FATAL, sqlState, message, null, null);
    }

    public static PgException error(String sqlState, String message) {
        return new PgException(Severity.ERROR, sqlState, message, null, null);
    }

    /** A malformed or out-of-order protocol message; the connection is closed after the error. */
    public static PgException protocolViolation(String message) {
        return fatal(SqlState.PROTOCOL_VIOLATION, message);
    }

    public Severity severity() {
        return severity;
    }

    public String sqlState() {
        return sqlState;
    }

    public String detail() {
        return detail;
    }

    public String hint() {
        return hint;
    }

    public boolean isFatal() {
        return severity == Severity.FATAL;
    }
}
