package io.raftpool.consensus;

import static io.raftpool.consensus.Fixtures.T0;
import static io.raftpool.consensus.Fixtures.backend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.consensus.ClusterCommand.Escalate;
import io.raftpool.consensus.ClusterCommand.RegisterBackends;
import io.raftpool.consensus.ClusterCommand.RemoveMember;
import io.raftpool.consensus.ClusterCommand.SetBackendStatus;
import io.raftpool.consensus.ClusterCommand.SetPrimary;
import io.raftpool.consensus.ClusterCommand.StartOperation;
import io.raftpool.consensus.ClusterCommand.UpdateOperation;
import io.raftpool.consensus.ClusterCommand.UpsertMember;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterTransitionsTest {

    private long index;
    private ClusterState state = ClusterState.empty();

    private ClusterState apply(ClusterCommand command) {
        state = ClusterTransitions.apply(state, command, ++index);
        return state;
    }

    private String rejection(ClusterCommand command) {
        return ClusterTransitions.rejection(state, command).orElseThrow(() -> new AssertionError("not refused"));
    }

    @Test
    void registerBackendsFillsInOnlyUnknownBackends() {
        apply(Fixtures.threeBackends());
        assertEquals(0, state.primaryNodeId());
        assertEquals(NodeRole.PRIMARY, state.backends().get(0).role());
        apply(new SetBackendStatus(1, NodeStatus.DOWN, "failed", T0 + 5));
        apply(new SetPrimary(2, "failover", T0 + 6));

        // A restart registers the configuration again, and a fourth backend was added to it.
        ClusterState before = state;
        apply(new RegisterBackends(List.of(backend(0, NodeStatus.UP, NodeRole.PRIMARY),
                backend(1, NodeStatus.UP, NodeRole.STANDBY), backend(3, NodeStatus.WAITING, NodeRole.STANDBY))));

        assertEquals(NodeStatus.DOWN, state.backends().get(1).status(), "the replicated truth stays");
        assertEquals(2, state.primaryNodeId());
        assertEquals(NodeRole.STANDBY, state.backends().get(0).role());
        assertEquals(before.backends().get(0), state.backends().get(0));
        assertEquals(backend(3, NodeStatus.WAITING, NodeRole.STANDBY), state.backends().get(3));
        assertEquals(List.of(0, 1, 2, 3), List.copyOf(state.backends().keySet()));
    }

    @Test
    void registerBackendsRefusesDuplicates() {
        assertTrue(rejection(new RegisterBackends(List.of(backend(1, NodeStatus.UP, NodeRole.STANDBY),
                backend(1, NodeStatus.UP, NodeRole.STANDBY)))).contains("twice"));
    }

    @Test
    void setPrimarySetsEveryRole() {
        apply(Fixtures.threeBackends());
        apply(new SetPrimary(1, "promoted", T0 + 1));
        assertEquals(1, state.primaryNodeId());
        assertEquals(NodeRole.PRIMARY, state.backends().get(1).role());
        assertEquals(NodeRole.STANDBY, state.backends().get(0).role());
        assertEquals(NodeRole.STANDBY, state.backends().get(2).role());

        apply(new SetPrimary(ClusterState.NO_PRIMARY, "primary lost", T0 + 2));
        assertEquals(ClusterState.NO_PRIMARY, state.primaryNodeId());
        assertTrue(state.backends().values().stream().allMatch(b -> b.role() == NodeRole.STANDBY));

        assertTrue(rejection(new SetPrimary(9, "?", T0)).contains("no backend node 9"));
    }

    @Test
    void setBackendStatusRecordsWhenAndWhy() {
        apply(Fixtures.threeBackends());
        apply(new SetBackendStatus(2, NodeStatus.QUARANTINE, "no quorum", T0 + 100));
        BackendState b = state.backends().get(2);
        assertEquals(NodeStatus.QUARANTINE, b.status());
        assertEquals("no quorum", b.reason());
        assertEquals(Instant.ofEpochMilli(T0 + 100), b.lastStatusChange());
        assertEquals(2, state.appliedIndex());

        assertTrue(rejection(new SetBackendStatus(5, NodeStatus.UP, "", T0)).contains("no backend node 5"));
    }

    @Test
    void startOperationIsRefusedWhileAnotherIsUnfinished() {
        apply(Fixtures.threeBackends());
        apply(new StartOperation(FailoverKind.FAILOVER, 0, 1, "member 0", T0 + 1));
        long first = index;
        FailoverOperation op = state.operations().get(first);
        assertEquals(FailoverPhase.REQUESTED, op.phase());
        assertEquals(first, op.id(), "the id is the log index");

        StartOperation second = new StartOperation(FailoverKind.DETACH, 2, -1, "pcp", T0 + 2);
        assertTrue(rejection(second).contains("operation " + first + " (FAILOVER of node 0, REQUESTED) is unfinished"));
        apply(new UpdateOperation(first, FailoverPhase.RUNNING, "failover_command started", T0 + 3));
        assertTrue(rejection(second).contains("RUNNING) is unfinished"));

        // Both passed the leader's check concurrently: the second is refused when applied, on every member.
        ClusterState before = state;
        apply(second);
        assertEquals(before.operations(), state.operations());
        assertEquals(before.appliedIndex() + 1, state.appliedIndex());

        apply(new UpdateOperation(first, FailoverPhase.DONE, "new primary 1", T0 + 4));
        assertEquals(Optional.empty(), ClusterTransitions.rejection(state, second));
        apply(second);
        assertEquals(FailoverKind.DETACH, state.operations().get(index).kind());
    }

    @Test
    void operationsMoveOnlyForward() {
        apply(Fixtures.threeBackends());
        apply(new StartOperation(FailoverKind.SWITCHOVER, 0, 2, "admin", T0));
        long id = index;
        apply(new UpdateOperation(id, FailoverPhase.RUNNING, "step 1", T0 + 1));
        apply(new UpdateOperation(id, FailoverPhase.RUNNING, "step 2", T0 + 2));
        assertEquals("step 2", state.operations().get(id).detail());
        apply(new UpdateOperation(id, FailoverPhase.FAILED, "promote failed", T0 + 3));
        FailoverOperation op = state.operations().get(id);
        assertEquals(FailoverPhase.FAILED, op.phase());
        assertEquals(Instant.ofEpochMilli(T0), op.requestedAt());
        assertEquals(Instant.ofEpochMilli(T0 + 3), op.updatedAt());

        assertTrue(rejection(new UpdateOperation(id, FailoverPhase.RUNNING, "", T0)).contains("cannot move from FAILED"));
        assertTrue(rejection(new UpdateOperation(99, FailoverPhase.DONE, "", T0)).contains("no operation 99"));
    }

    @Test
    void unfinishedFindsTheInterruptedOperation() {
        apply(Fixtures.threeBackends());
        assertEquals(Optional.empty(), state.unfinished());
        apply(new StartOperation(FailoverKind.FAILOVER, 0, 1, "member 0", T0));
        long id = index;
        apply(new UpdateOperation(id, FailoverPhase.RUNNING, "failover_command started", T0 + 1));
        // The leader died here. A new leader looks for what it left.
        FailoverOperation interrupted = state.unfinished().orElseThrow();
        assertEquals(id, interrupted.id());
        assertEquals(FailoverPhase.RUNNING, interrupted.phase());
        assertEquals("failover_command started", interrupted.detail());
        apply(new UpdateOperation(id, FailoverPhase.DONE, "verified: node 1 is primary", T0 + 2));
        assertEquals(Optional.empty(), state.unfinished());
    }

    @Test
    void finishedOperationsAreKeptWithinABound() {
        apply(Fixtures.threeBackends());
        for (int i = 0; i < ClusterTransitions.FINISHED_OPERATIONS_KEPT + 5; i++) {
            apply(new StartOperation(FailoverKind.DETACH, 1, -1, "pcp", T0 + i));
            apply(new UpdateOperation(index, FailoverPhase.DONE, "", T0 + i));
        }
        assertEquals(ClusterTransitions.FINISHED_OPERATIONS_KEPT, state.operations().size());
        assertEquals(index - 1, state.operations().keySet().stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    @Test
    void escalateRefusesAnOlderTerm() {
        apply(new Escalate(1, 5, T0));
        assertEquals(new Escalation(1, 5, Instant.ofEpochMilli(T0)), state.escalation());

        assertTrue(rejection(new Escalate(2, 4, T0 + 1)).contains("older than term 5"));
        assertTrue(rejection(new Escalate(2, 5, T0 + 1)).contains("already holds"));
        ClusterState before = state;
        apply(new Escalate(2, 4, T0 + 1));
        assertSame(before.escalation(), state.escalation());

        apply(new Escalate(1, 5, T0 + 2)); // the same leader again: fine
        apply(new Escalate(2, 6, T0 + 3));
        assertEquals(new Escalation(2, 6, Instant.ofEpochMilli(T0 + 3)), state.escalation());
    }

    @Test
    void membersAreUpsertedAndRemoved() {
        apply(new UpsertMember(Fixtures.member(0)));
        apply(new UpsertMember(Fixtures.member(1)));
        Member changed = Fixtures.member(1).withStatus(MemberStatus.LOST, Instant.ofEpochMilli(T0 + 9));
        apply(new UpsertMember(changed));
        assertEquals(changed, state.members().get(1));
        apply(new RemoveMember(0));
        apply(new RemoveMember(0));
        assertEquals(List.of(1), List.copyOf(state.members().keySet()));
        assertNull(state.escalation());
        assertFalse(state.member(0).isPresent());
    }

    @Test
    void aMemberWithAnotherConfigurationIsRefused() {
        apply(new UpsertMember(Fixtures.member(0)));
        Member odd = new Member(1, "pgpool1.test", 9001, 9999, 1, MemberStatus.ALIVE,
                java.util.Map.of("backends", "b0:5432", "delegate_IP", "10.0.0.200"), Instant.ofEpochMilli(T0));
        assertEquals("member 1's configuration differs from member 0's: delegate_IP is '10.0.0.200' on member 1"
                + " but '10.0.0.100' on member 0 (backends, watchdog members, delegate_IP and the consensus settings"
                + " must be the same on every member)", rejection(new UpsertMember(odd)));
        // Once member 0 has shut down, the cluster takes the new configuration.
        apply(new UpsertMember(Fixtures.member(0).withStatus(MemberStatus.SHUTDOWN, Instant.ofEpochMilli(T0))));
        apply(new UpsertMember(odd));
        assertEquals(odd, state.members().get(1));
    }

    @Test
    void failoverStartsOnceEnoughMembersVote() {
        apply(Fixtures.threeBackends());
        apply(vote(0, 1, T0));
        apply(vote(0, 1, T0 + 1)); // the same member again: still one vote
        assertTrue(state.operations().isEmpty());
        assertEquals(2, state.votes().size());

        apply(vote(2, 1, T0 + 2));
        FailoverOperation op = state.unfinished().orElseThrow();
        assertEquals(FailoverKind.FAILOVER, op.kind());
        assertEquals(1, op.nodeId());
        assertEquals(index, op.id());
        assertTrue(op.requestedBy().startsWith("consensus of members 0, 2 (2 of 2 votes needed)"),
                op.requestedBy());
        assertTrue(state.votes().isEmpty(), "the decided node's votes are cleared");
        assertTrue(rejection(vote(1, 1, T0 + 3)).contains("already under way"));
    }

    @Test
    void repeatedVotesCountWhenAllowed() {
        apply(Fixtures.threeBackends());
        apply(new ClusterCommand.FailoverVote(0, 1, 2, true, 15_000, "failed", T0));
        apply(new ClusterCommand.FailoverVote(0, 1, 2, true, 15_000, "failed", T0 + 1));
        assertEquals(1, state.operations().size());
    }

    @Test
    void oldVotesExpire() {
        apply(Fixtures.threeBackends());
        apply(vote(0, 1, T0));
        apply(vote(2, 1, T0 + 15_001));
        assertTrue(state.operations().isEmpty(), "the first vote is older than the window");
        assertEquals(List.of(new Vote(2, 1, Instant.ofEpochMilli(T0 + 15_001))), state.votes());
    }

    @Test
    void votesWaitForAnUnfinishedOperation() {
        apply(Fixtures.threeBackends());
        apply(new StartOperation(FailoverKind.DETACH, 2, -1, "admin", T0));
        apply(vote(0, 1, T0 + 1));
        apply(vote(1, 1, T0 + 2));
        assertEquals(1, state.operations().size(), "no second operation while the first is unfinished");
        assertEquals(2, state.votes().size());
        apply(new SetBackendStatus(1, NodeStatus.DOWN, "detached", T0 + 3));
        assertTrue(rejection(vote(2, 1, T0 + 4)).contains("already DOWN"));
        assertTrue(rejection(vote(2, 9, T0 + 4)).contains("no backend node 9"));
    }

    private static ClusterCommand.FailoverVote vote(int member, int node, long at) {
        return new ClusterCommand.FailoverVote(member, node, 2, false, 15_000, "health check failed", at);
    }

    @Test
    void applyIsDeterministic() {
        ClusterState a = ClusterState.empty();
        ClusterState b = ClusterState.empty();
        long i = 0;
        for (ClusterCommand c : Fixtures.everyCommand()) {
            i++;
            a = ClusterTransitions.apply(a, c, i);
            b = ClusterTransitions.apply(b, c, i);
        }
        assertEquals(a, b);
        assertEquals(Fixtures.everyCommand().size(), a.appliedIndex());
    }
}
