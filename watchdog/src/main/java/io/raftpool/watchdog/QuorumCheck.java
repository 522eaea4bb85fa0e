package io.raftpool.watchdog;

import io.raftpool.consensus.RaftNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The leader's own view of its quorum: which followers answered it within {@link #timeout()}. The timeout is
 * shorter than the shortest election timeout, so a leader cut off from a majority finds out before any of the
 * others can have elected a new leader (Ratis alone steps down later). A follower has no quorum of its own.
 */
final class QuorumCheck {

    private final RaftNode raft;
    private final int self;
    private final Set<Integer> members;
    private final Duration timeout;

    QuorumCheck(RaftNode raft, int self, Set<Integer> members, Duration timeout) {
        this.raft = raft;
        this.self = self;
        this.members = new TreeSet<>(members);
        this.timeout = timeout;
    }

    /** How many members (the leader included) make a quorum: a strict majority. */
    int needed() {
        return members.size() / 2 + 1;
    }

    int size() {
        return members.size();
    }

    /** The leader and the followers that answered it in time; empty on a follower. */
    List<Integer> answering() {
        List<Integer> result = new ArrayList<>();
        if (!raft.isLeader()) {
            return result;
        }
        for (int m : members) {
            if (m == self || raft.followerSilence(m).map(s -> s.compareTo(timeout) < 0).orElse(false)) {
                result.add(m);
            }
        }
        return result;
    }

    /** Whether this member leads a quorum now. */
    boolean hasQuorum() {
        return answering().size() >= needed();
    }

    Duration timeout() {
        return timeout;
    }

    /** For the log: "members [0, 2] answer, 2 of 3 needed". */
    String describe() {
        return "members " + answering() + " answer, " + needed() + " of " + members.size() + " needed";
    }
}
