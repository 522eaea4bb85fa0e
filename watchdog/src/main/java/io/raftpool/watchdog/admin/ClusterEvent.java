package io.raftpool.watchdog.admin;

import java.time.Instant;

/**
 * Something that happened in the cluster, as the member being watched saw it.
 *
 * @param at      when
 * @param kind    LEADER_CHANGED, ESCALATED, DE_ESCALATED, MEMBER_JOINED, MEMBER_LOST, MEMBER_FOUND,
 *                MEMBER_SHUTDOWN, BACKEND_STATUS, PRIMARY_CHANGED, FAILOVER_VOTE, FAILOVER_STARTED,
 *                FAILOVER_FINISHED or QUARANTINE
 * @param message what happened, for the operator
 * @param term    the Raft term the member was in
 */
public record ClusterEvent(Instant at, String kind, String message, long term) {
}
