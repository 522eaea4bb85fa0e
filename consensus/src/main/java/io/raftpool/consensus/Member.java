package io.raftpool.consensus;

import java.time.Instant;
import java.util.Objects;

/**
 * A raftpool instance of the cluster (a watchdog member).
 *
 * @param id        its pgpool_node_id
 * @param host      its host name or address
 * @param raftPort  its Raft port (wd_portN)
 * @param proxyPort its PostgreSQL port (pgpool_portN)
 * @param alive     whether the lifecheck last found it alive
 * @param lastSeen  when it was last heard of ({@link Instant#EPOCH} if never)
 */
public record Member(int id, String host, int raftPort, int proxyPort, boolean alive, Instant lastSeen) {

    public Member {
        Objects.requireNonNull(host, "host");
        lastSeen = Timestamps.millis(lastSeen, "lastSeen");
    }
}
