package io.raftpool.proxy.protocol;

/** The SQLSTATE codes raftpool itself reports, named as in PostgreSQL's errcodes. */
public final class SqlState {
    private SqlState() {
    }

    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String CONNECTION_FAILURE = "08006";
    public static final String SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION = "08001";
    public static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
    public static final String INVALID_PASSWORD = "28P01";
    public static final String TOO_MANY_CONNECTIONS = "53300";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String ADMIN_SHUTDOWN = "57P01";
    public static final String IDLE_SESSION_TIMEOUT = "57P05";
    public static final String QUERY_CANCELED = "57014";
    public static final String SYNTAX_ERROR = "42601";
    public static final String UNDEFINED_OBJECT = "42704";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String INTERNAL_ERROR = "XX000";
    public static final String PROGRAM_LIMIT_EXCEEDED = "54000";
}
