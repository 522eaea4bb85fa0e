package io.raftpool.consensus;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to run this instance's member of the Raft group.
 *
 * @param storageDir         where the Raft log and the snapshots live (kept across restarts)
 * @param selfId             this instance's member id (pgpool_node_id); a key of {@code peers}
 * @param peers              every member's Raft address by id, this one included (wd_portN)
 * @param groupSeed          a string the caller derives from the configuration that identifies the cluster; the
 *                           Raft group id is a name-based UUID of it, so instances configured for another
 *                           cluster cannot join this group
 * @param electionTimeoutMin the shortest time a follower waits for the leader before it stands for election
 * @param electionTimeoutMax the longest such time (the wait is random between the two)
 * @param requestTimeout     how long a submitted command or a linearizable read may wait for a leader and a
 *                           quorum before it fails
 * @param snapshotThreshold  after how many log entries since the last snapshot a new one is taken
 * @param firstElectionDelay added to the election timeout when the member starts and knows no leader yet: the
 *                           watchdog gives a lower wd_priority a longer delay, so that the highest priority
 *                           stands first
 */
public record RaftSettings(Path storageDir, int selfId, Map<Integer, InetSocketAddress> peers, String groupSeed,
        Duration electionTimeoutMin, Duration electionTimeoutMax, Duration requestTimeout, long snapshotThreshold,
        Duration firstElectionDelay) {

    /** The default {@link #snapshotThreshold}: restarts replay at most this many entries. */
    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 1000;

    public RaftSettings {
        Objects.requireNonNull(storageDir, "storageDir");
        peers = Collections.unmodifiableMap(new TreeMap<>(peers));
        Objects.requireNonNull(groupSeed, "groupSeed");
        if (!peers.containsKey(selfId)) {
            throw new IllegalArgumentException("member " + selfId + " is not one of the peers " + peers.keySet());
        }
        if (groupSeed.isBlank()) {
            throw new IllegalArgumentException("the group seed is blank");
        }
        positive(electionTimeoutMin, "electionTimeoutMin");
        positive(electionTimeoutMax, "electionTimeoutMax");
        positive(requestTimeout, "requestTimeout");
        if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
            throw new IllegalArgumentException("electionTimeoutMax " + electionTimeoutMax
                    + " must be longer than electionTimeoutMin " + electionTimeoutMin);
        }
        if (Objects.requireNonNull(firstElectionDelay, "firstElectionDelay").isNegative()) {
            throw new IllegalArgumentException("firstElectionDelay must not be negative, not " + firstElectionDelay);
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("snapshotThreshold " + snapshotThreshold + " must be at least 1");
        }
    }

    /** Settings with the {@link #DEFAULT_SNAPSHOT_THRESHOLD}. */
    public RaftSettings(Path storageDir, int selfId, Map<Integer, InetSocketAddress> peers, String groupSeed,
            Duration electionTimeoutMin, Duration electionTimeoutMax, Duration requestTimeout) {
        this(storageDir, selfId, peers, groupSeed, electionTimeoutMin, electionTimeoutMax, requestTimeout,
                DEFAULT_SNAPSHOT_THRESHOLD, Duration.ZERO);
    }

    /** Settings with no first-election delay. */
    public RaftSettings(Path storageDir, int selfId, Map<Integer, InetSocketAddress> peers, String groupSeed,
            Duration electionTimeoutMin, Duration electionTimeoutMax, Duration requestTimeout, long snapshotThreshold) {
        this(storageDir, selfId, peers, groupSeed, electionTimeoutMin, electionTimeoutMax, requestTimeout,
                snapshotThreshold, Duration.ZERO);
    }

    /** These settings with another snapshot threshold. */
    public RaftSettings withSnapshotThreshold(long threshold) {
        return new RaftSettings(storageDir, selfId, peers, groupSeed, electionTimeoutMin, electionTimeoutMax,
                requestTimeout, threshold, firstElectionDelay);
    }

    /** These settings with another first-election delay. */
    public RaftSettings withFirstElectionDelay(Duration delay) {
        return new RaftSettings(storageDir, selfId, peers, groupSeed, electionTimeoutMin, electionTimeoutMax,
                requestTimeout, snapshotThreshold, delay);
    }

    /** This instance's own Raft address. */
    public InetSocketAddress selfAddress() {
        return peers.get(selfId);
    }

    private static void positive(Duration d, String name) {
        if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + d);
        }
    }
}
