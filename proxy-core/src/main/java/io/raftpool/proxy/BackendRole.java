package io.raftpool.proxy;

/** A backend's role in streaming replication. */
public enum BackendRole {
    PRIMARY, STANDBY;

    public String display() {
        return this == PRIMARY ? "primary" : "standby";
    }
}
