package io.raftpool.consensus;

/** What a failover operation does to the backends. */
public enum FailoverKind {
    /** A backend went down: detach it, and promote a standby when it was the primary. */
    FAILOVER,
    /** A detached backend comes back (pcp_attach_node after recovery). */
    FAILBACK,
    /** Promote a standby to primary. */
    PROMOTE,
    /** A planned change of primary. */
    SWITCHOVER,
    /** Online recovery of a standby (pcp_recovery_node). */
    RECOVERY,
    /** An operator detaches a backend. */
    DETACH,
    /** An operator attaches a backend. */
    ATTACH
}
