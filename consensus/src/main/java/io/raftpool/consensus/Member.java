package io.raftpool.consensus;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A raftpool instance of the cluster (a watchdog member).
 *
 * @param id          its pgpool_node_id
 * @param host        its host name or address
 * @param raftPort    its Raft port (wd_portN)
 * @param proxyPort   its PostgreSQL port (pgpool_portN)
 * @param priority    its wd_priority
 * @param status      what the cluster knows of it
 * @param fingerprint the settings every member must share, as name to digest (see the watchdog's config
 *                    check); empty if it never joined
 * @param lastSeen    when its status was last recorded ({@link Instant#EPOCH} if never)
 */
public record Member(int id, String host, int raftPort, int proxyPort, int priority, MemberStatus status,
        Map<String, String> fingerprint, Instant lastSeen) {

    public Member {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
        fingerprint = Collections.unmodifiableMap(new TreeMap<>(fingerprint));
        lastSeen = Timestamps.millis(lastSeen, "lastSeen");
    }

    /** Whether it is {@link MemberStatus#ALIVE}. */
    public boolean alive() {
        return status == MemberStatus.ALIVE;
    }

    /** This member with another status, seen at {@code at}. */
    public Member withStatus(MemberStatus newStatus, Instant at) {
        return new Member(id, host, raftPort, proxyPort, priority, newStatus, fingerprint, at);
    }
}
