package io.raftpool.watchdog.lifecheck;

import java.time.Instant;

/**
 * What the heartbeat lifecheck knows of one member, for status displays.
 *
 * @param id         the member's watchdog node id
 * @param hostname   where heartbeats for it are sent (heartbeat_hostnameN as configured)
 * @param port       its heartbeat port (heartbeat_portN)
 * @param liveness   what the lifecheck concludes
 * @param lastHeard  when its last valid heartbeat arrived (this host's clock), or {@code null} if none has
 * @param heartbeats how many valid heartbeats have arrived from it
 */
public record MemberStatus(int id, String hostname, int port, Liveness liveness, Instant lastHeard,
        long heartbeats) {

    /** The lifecheck's view of a member. */
    public enum Liveness {
        /** No heartbeat yet, and the lifecheck has not run for wd_heartbeat_deadtime. */
        WAITING,
        /** A valid heartbeat arrived within wd_heartbeat_deadtime. */
        ALIVE,
        /** Silent for longer than wd_heartbeat_deadtime. */
        LOST
    }
}
