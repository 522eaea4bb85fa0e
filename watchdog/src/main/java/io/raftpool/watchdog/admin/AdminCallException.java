package io.raftpool.watchdog.admin;

/**
 * An admin call that did not succeed, as {@link AdminClient} reports it: why, and a message for the operator
 * that never contains the password.
 */
public final class AdminCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** pcp.conf has no such user, or the password is wrong. */
        AUTHENTICATION_FAILED,
        /** Nothing listens on the host and port (connection refused). */
        CONNECTION_REFUSED,
        /** The host could not be reached or resolved, or the connection broke. */
        UNREACHABLE,
        /** No answer before the client's deadline. */
        TIMED_OUT,
        /** The server answered, but not as raftpool's admin API does (perhaps another program's port). */
        PROTOCOL,
        /** Refused by raftpool: no such node. */
        NOT_FOUND,
        /** Refused by raftpool: a bad argument. */
        INVALID,
        /** Refused by raftpool: not possible in the node's present state. */
        FAILED_PRECONDITION,
        /** Refused by raftpool: not possible now (no quorum, a failover under way). */
        UNAVAILABLE,
        /** Refused by raftpool: it failed inside. */
        INTERNAL
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message for the operator
     */
    public AdminCallException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Why the call failed. */
    public Reason reason() {
        return reason;
    }
}
