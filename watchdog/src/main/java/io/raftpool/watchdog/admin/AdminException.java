package io.raftpool.watchdog.admin;

/** An admin request that cannot be done, with a message for the operator. */
public final class AdminException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal, to map onto a gRPC status. */
    public enum Kind { NOT_FOUND, INVALID, FAILED_PRECONDITION, UNAVAILABLE, INTERNAL }

    private final Kind kind;

    public AdminException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
