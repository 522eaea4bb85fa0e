package io.raftpool.conf;

/** How far raftpool implements a Pgpool-II parameter. */
public enum Support {
    /** Implemented: the value changes what raftpool does. */
    SUPPORTED,
    /** Accepted and validated, but this build does not act on it yet. */
    PLANNED,
    /** Outside raftpool's scope (for example the query cache or native replication mode). */
    UNSUPPORTED
}
