package io.raftpool.consensus;

import java.time.Instant;

/**
 * One member's health check finding a backend unreachable: a vote for its failover (see
 * {@link ClusterCommand.FailoverVote}).
 *
 * @param memberId the member that voted
 * @param nodeId   the backend it found unreachable
 * @param at       when
 */
public record Vote(int memberId, int nodeId, Instant at) {

    public Vote {
        at = Timestamps.millis(at, "at");
    }
}
