package io.raftpool.consensus;

/** What the cluster knows of a raftpool instance (a watchdog member). */
public enum MemberStatus {
    /** It joined, and the lifecheck hears it. */
    ALIVE,
    /** The lifecheck stopped hearing it (heartbeats missing for wd_heartbeat_deadtime). */
    LOST,
    /** It said it was stopping (a clean shutdown). */
    SHUTDOWN
}
