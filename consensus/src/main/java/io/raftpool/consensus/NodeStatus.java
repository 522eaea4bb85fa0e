package io.raftpool.consensus;

/** A backend's status as the cluster agrees on it (Pgpool-II's backend status). */
public enum NodeStatus {
    /** Attached; no session has used it yet. */
    WAITING,
    /** Attached and in use. */
    UP,
    /** Detached: failed over or detached by an operator. */
    DOWN,
    /** Unreachable from this cluster without a quorum agreeing it is down: not used, not failed over. */
    QUARANTINE,
    /** Not configured (a hole in the backend numbering). */
    UNUSED
}
