package io.raftpool.proxy.auth;

import java.util.Objects;

/**
 * An authentication exchange that cannot go on. Its message and detail are safe to log and to send: they never hold
 * a password, a proof, a key or a nonce, only fixed text and protocol facts (an attribute letter, an iteration count).
 *
 * <p>A wrong password is always the bare {@link Kind#INVALID_PASSWORD}, whichever check failed, so that a client
 * learns nothing about which part of its answer was wrong; the caller turns it into PostgreSQL's own
 * {@code 28P01 password authentication failed for user "X"} with {@link #passwordFailedMessage(String)}.
 */
public final class AuthFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, with the SQLSTATE PostgreSQL reports for it. */
    public enum Kind {
        /** The peer sent a message that does not follow the protocol (08P01 protocol_violation). */
        PROTOCOL_VIOLATION("08P01"),
        /** The peer asked for something PostgreSQL does not support, e.g. an authzid (0A000). */
        FEATURE_NOT_SUPPORTED("0A000"),
        /** The client does not know the password (28P01 invalid_password). */
        INVALID_PASSWORD("28P01"),
        /** A backend failed to prove that it knows the password (28000 invalid_authorization_specification). */
        SERVER_SIGNATURE_MISMATCH("28000");

        private final String sqlState;

        Kind(String sqlState) {
            this.sqlState = sqlState;
        }

        /** The five-character SQLSTATE for an ErrorResponse reporting this kind of failure. */
        public String sqlState() {
            return sqlState;
        }
    }

    private final Kind kind;
    private final String primaryMessage;
    private final String detail;

    private AuthFailure(Kind kind, String message, String detail) {
        super(detail == null ? message : message + ": " + detail);
        this.kind = Objects.requireNonNull(kind);
        this.primaryMessage = Objects.requireNonNull(message);
        this.detail = detail;
    }

    /** PostgreSQL's "malformed SCRAM message" with a detail saying what is wrong. */
    static AuthFailure malformed(String detail) {
        return new AuthFailure(Kind.PROTOCOL_VIOLATION, "malformed SCRAM message", detail);
    }

    /** A protocol violation with PostgreSQL's message and an optional detail. */
    static AuthFailure protocolViolation(String message, String detail) {
        return new AuthFailure(Kind.PROTOCOL_VIOLATION, message, detail);
    }

    static AuthFailure featureNotSupported(String message) {
        return new AuthFailure(Kind.FEATURE_NOT_SUPPORTED, message, null);
    }

    /** The one failure for a wrong password: it does not say which check failed. */
    static AuthFailure invalidPassword() {
        return new AuthFailure(Kind.INVALID_PASSWORD, "password authentication failed", null);
    }

    static AuthFailure serverSignatureMismatch() {
        return new AuthFailure(Kind.SERVER_SIGNATURE_MISMATCH, "backend's SCRAM server signature does not match",
                null);
    }

    /** What went wrong. */
    public Kind kind() {
        return kind;
    }

    /** The SQLSTATE PostgreSQL would report, as {@code kind().sqlState()}. */
    public String sqlState() {
        return kind.sqlState();
    }

    /** The primary message alone, as PostgreSQL words it (e.g. "malformed SCRAM message"), without the detail. */
    public String primaryMessage() {
        return primaryMessage;
    }

    /** PostgreSQL's errdetail for this failure (e.g. "Nonce does not match."), or {@code null} when it has none. */
    public String detail() {
        return detail;
    }

    /**
     * PostgreSQL's message for a failed password authentication: {@code password authentication failed for user
     * "X"}; send it with SQLSTATE 28P01 for every {@link Kind#INVALID_PASSWORD}.
     *
     * @param user the user name from the startup packet
     */
    public static String passwordFailedMessage(String user) {
        return "password authentication failed for user \"" + user + "\"";
    }
}
