package io.raftpool.proxy.route;

/** Where a statement may run in a streaming-replication cluster. */
public enum Route {
    /** A read: the session's load-balance node may run it (subject to the session's transaction rules). */
    LOAD_BALANCE,
    /** Only the primary may run it. */
    PRIMARY,
    /** Every backend the session is using must run it: the primary and the session's load-balance node. */
    ALL
}
