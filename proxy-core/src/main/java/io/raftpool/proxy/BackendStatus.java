package io.raftpool.proxy;

import java.util.Locale;

/** A backend's status as SHOW pool_nodes and pcp_node_info report it. */
public enum BackendStatus {
    /** Attached; no session has used it yet. */
    WAITING,
    /** Attached and in use. */
    UP,
    /** Detached: failed over or detached by an operator. */
    DOWN,
    /** Detached on this instance only, because the cluster could not agree on a failover. */
    QUARANTINE,
    /** Declared but not in use. */
    UNUSED;

    /** True when sessions may use the node. */
    public boolean isAttached() {
        return this == WAITING || this == UP;
    }

    /** Lower case, as Pgpool-II prints it. */
    public String display() {
        return name().toLowerCase(Locale.ROOT);
    }
}
