package io.raftpool.watchdog.lifecheck;

/**
 * Told when a watchdog member stops or starts answering the lifecheck. Calls come one at a time, in order,
 * from one thread of the lifecheck's own (never the thread that reads the socket), so a slow listener delays
 * later calls but never heartbeats. A listener should not throw; what it throws is logged and dropped.
 */
public interface LifecheckListener {

    /**
     * Member {@code id} is considered dead.
     *
     * @param reason why, for the log and the status display ("no heartbeat for 31.0 s ...")
     */
    void memberLost(int id, String reason);

    /** Member {@code id} is alive: its first heartbeat arrived, or heartbeats resumed after it was lost. */
    void memberFound(int id);
}
