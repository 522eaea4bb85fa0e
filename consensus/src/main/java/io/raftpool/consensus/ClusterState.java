package io.raftpool.consensus;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every raftpool instance of a cluster agrees on: the state the Raft log's commands build, one after the
 * other, identically on every member. Immutable; its maps iterate in key order.
 *
 * @param backends      the backends by node id
 * @param primaryNodeId the primary's node id, -1 if there is none
 * @param operations    failover operations by id (the unfinished ones and the latest finished ones)
 * @param members       the raftpool instances by id
 * @param escalation    who holds the delegate IP, null if nobody has escalated yet
 * @param votes         failover votes not yet decided, oldest first
 * @param appliedIndex  the Raft log index of the last command applied to this state (0: none)
 */
public record ClusterState(Map<Integer, BackendState> backends, int primaryNodeId,
        Map<Long, FailoverOperation> operations, Map<Integer, Member> members, Escalation escalation,
        List<Vote> votes, long appliedIndex) {

    /** The value of {@link #primaryNodeId} when there is no primary. */
    public static final int NO_PRIMARY = -1;

    private static final ClusterState EMPTY = new ClusterState(Map.of(), NO_PRIMARY, Map.of(), Map.of(), null, List.of(), 0);

    public ClusterState {
        backends = sortedCopy(backends);
        operations = sortedCopy(operations);
        members = sortedCopy(members);
        votes = List.copyOf(votes);
    }

    /** The state before the first command. */
    public static ClusterState empty() {
        return EMPTY;
    }

    /** The oldest REQUESTED or RUNNING operation, so that a new leader can finish or verify it. */
    public Optional<FailoverOperation> unfinished() {
        return operations.values().stream().filter(FailoverOperation::isUnfinished).findFirst();
    }

    /** The backend with this node id, if known. */
    public Optional<BackendState> backend(int nodeId) {
        return Optional.ofNullable(backends.get(nodeId));
    }

    /** The member with this id, if known. */
    public Optional<Member> member(int memberId) {
        return Optional.ofNullable(members.get(memberId));
    }

    /** The escalation record, if anybody has escalated. */
    public Optional<Escalation> currentEscalation() {
        return Optional.ofNullable(escalation);
    }

    ClusterState withBackends(Map<Integer, BackendState> newBackends, int newPrimary) {
        return new ClusterState(newBackends, newPrimary, operations, members, escalation, votes, appliedIndex);
    }

    ClusterState withOperations(Map<Long, FailoverOperation> newOperations) {
        return new ClusterState(backends, primaryNodeId, newOperations, members, escalation, votes, appliedIndex);
    }

    ClusterState withMembers(Map<Integer, Member> newMembers) {
        return new ClusterState(backends, primaryNodeId, operations, newMembers, escalation, votes, appliedIndex);
    }

    ClusterState withEscalation(Escalation newEscalation) {
        return new ClusterState(backends, primaryNodeId, operations, members, newEscalation, votes, appliedIndex);
    }

    ClusterState withVotes(List<Vote> newVotes) {
        return new ClusterState(backends, primaryNodeId, operations, members, escalation, newVotes, appliedIndex);
    }

    ClusterState withAppliedIndex(long index) {
        return new ClusterState(backends, primaryNodeId, operations, members, escalation, votes, index);
    }

    private static <K extends Comparable<K>, V> Map<K, V> sortedCopy(Map<K, V> map) {
        SortedMap<K, V> copy = new TreeMap<>(map);
        if (copy.containsValue(null)) {
            throw new NullPointerException("a null value in " + map);
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
