package io.raftpool.conf;

/** The words of {@code backend_flagN}, joined with '|'. */
public enum BackendFlag {
    /** Health-check failures of this node may fail it over (the default). */
    ALLOW_TO_FAILOVER,
    /** This node is never failed over; health checks are not run on it. */
    DISALLOW_TO_FAILOVER,
    /** This node is always the primary (the primary is not searched for). */
    ALWAYS_PRIMARY
}
