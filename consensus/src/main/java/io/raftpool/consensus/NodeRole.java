package io.raftpool.consensus;

/** A backend's role in streaming replication. */
public enum NodeRole {
    PRIMARY, STANDBY
}
