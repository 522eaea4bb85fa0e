package io.raftpool.consensus;

import static io.raftpool.consensus.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.consensus.ClusterCommand.Escalate;
import io.raftpool.consensus.ClusterCommand.SetBackendStatus;
import io.raftpool.consensus.ClusterCommand.SetPrimary;
import io.raftpool.consensus.ClusterCommand.StartOperation;
import io.raftpool.consensus.ClusterCommand.UpdateOperation;
import io.raftpool.consensus.ClusterCommand.UpsertMember;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftNodeSingleMemberTest {

    @TempDir
    Path dir;

    static ClusterState submit(RaftNode node, ClusterCommand command) throws Exception {
        return node.submit(command).get(30, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        return e.getCause();
    }

    /** Submits one command of each kind; returns them in order. */
    static List<ClusterCommand> submitEveryKind(RaftNode node) throws Exception {
        List<ClusterCommand> sent = new ArrayList<>();
        ClusterState state = null;
        for (ClusterCommand c : List.of(Fixtures.threeBackends(),
                new SetBackendStatus(1, NodeStatus.DOWN, "health check failed", T0 + 1),
                new SetPrimary(2, "promoted", T0 + 2),
                new StartOperation(FailoverKind.FAILOVER, 0, 2, "member 0", T0 + 3))) {
            state = submit(node, c);
            sent.add(c);
        }
        assertEquals(state, node.state(), "submit completes once this member has applied the command too");
        long opId = state.unfinished().orElseThrow().id();
        for (ClusterCommand c : List.<ClusterCommand>of(
                new UpdateOperation(opId, FailoverPhase.RUNNING, "failover_command started", T0 + 4),
                new UpsertMember(Fixtures.member(0)),
                new Escalate(0, node.currentTerm(), T0 + 5))) {
            submit(node, c);
            sent.add(c);
        }
        return sent;
    }

    @Test
    void aGroupOfOneLeadsAppliesAndComesBackAfterARestart() throws Exception {
        ClusterState before;
        long firstTerm;
        try (TestGroup group = new TestGroup(dir, 1, RaftSettings.DEFAULT_SNAPSHOT_THRESHOLD)) {
            RaftNode node = group.start(0);
            RecordingListener listener = group.listeners.get(0);
            TestGroup.await("leaderReady", () -> !listener.leaderTerms.isEmpty());
            firstTerm = listener.leaderTerms.get(0);
            assertEquals(node.currentTerm(), firstTerm);
            assertTrue(node.isLeader());
            assertTrue(node.isRunning());
            assertEquals(Optional.of(0), node.leaderId());
            assertEquals(Optional.empty(), node.followerSilence(0), "a leader is not its own follower");

            List<ClusterCommand> sent = submitEveryKind(node);
            before = node.state();
            // Ratis' own entries (configuration, metadata) are in the log too: commands are some of its entries.
            assertTrue(node.commitIndex() >= before.appliedIndex());
            assertEquals(before, node.readLinearizable().get(30, TimeUnit.SECONDS));
            assertEquals(2, before.primaryNodeId());
            assertEquals(FailoverPhase.RUNNING, before.unfinished().orElseThrow().phase());
            assertEquals(new Escalation(0, firstTerm, java.time.Instant.ofEpochMilli(T0 + 5)), before.escalation());

            TestGroup.await("every command reported", () -> listener.appliedCommands.size() == sent.size());
            assertEquals(sent, listener.appliedCommands);
            assertEquals(before, listener.lastApplied);
            assertTrue(listener.threads.stream().allMatch(t -> t.equals("raftpool-consensus-events-0")),
                    listener.threads.toString());

            group.stop(0);
            assertFalse(node.isRunning());
            assertEquals("notLeader", listener.leadershipEvents.get(listener.leadershipEvents.size() - 1));
            assertInstanceOf(ConsensusException.class, failure(node.submit(Fixtures.threeBackends())),
                    "a closed node fails the future, it does not throw");

            RaftNode restarted = group.start(0);
            RecordingListener again = group.listeners.get(0);
            TestGroup.await("leaderReady after the restart", () -> !again.leaderTerms.isEmpty());
            assertTrue(again.leaderTerms.get(0) > firstTerm);
            TestGroup.await("the log replayed", () -> restarted.state().appliedIndex() == before.appliedIndex());
            assertEquals(before, restarted.state());
            assertEquals(sent, again.appliedCommands);
        }
    }

    @Test
    void aSnapshotIsTakenAndRestoredAfterARestart() throws Exception {
        try (TestGroup group = new TestGroup(dir, 1, 5)) {
            RaftNode node = group.start(0);
            group.awaitLeader();
            submitEveryKind(node);
            for (int i = 0; i < 6; i++) {
                submit(node, new SetBackendStatus(0, i % 2 == 0 ? NodeStatus.DOWN : NodeStatus.UP, "flap " + i, T0 + i));
            }
            ClusterState before = node.state();
            TestGroup.await("a snapshot file", () -> !snapshots(dir).isEmpty());
            group.stop(0);

            RaftNode restarted = group.start(0);
            RecordingListener listener = group.listeners.get(0);
            assertFalse(listener.restoredStates.isEmpty(), "the snapshot is loaded as the node starts");
            assertTrue(listener.restoredStates.get(0).appliedIndex() > 0);
            TestGroup.await("the log after the snapshot replayed",
                    () -> restarted.state().appliedIndex() == before.appliedIndex());
            assertEquals(before, restarted.state());
            assertTrue(listener.appliedCommands.size() < 13, "fewer commands replayed than were applied: "
                    + listener.appliedCommands.size());
        }
    }

    @Test
    void aRefusedCommandFailsItsSubmitterAndChangesNothing() throws Exception {
        try (TestGroup group = new TestGroup(dir, 1, RaftSettings.DEFAULT_SNAPSHOT_THRESHOLD)) {
            RaftNode node = group.start(0);
            group.awaitLeader();
            submit(node, Fixtures.threeBackends());
            submit(node, new StartOperation(FailoverKind.DETACH, 1, -1, "pcp", T0));
            ClusterState before = node.state();

            Throwable e = failure(node.submit(new StartOperation(FailoverKind.DETACH, 2, -1, "pcp", T0)));
            assertInstanceOf(CommandRejectedException.class, e);
            assertTrue(e.getMessage().contains("is unfinished: finish it before starting another"), e.getMessage());

            Throwable unknown = failure(node.submit(new SetBackendStatus(9, NodeStatus.UP, "", T0)));
            assertInstanceOf(CommandRejectedException.class, unknown);
            assertEquals("no backend node 9", unknown.getMessage());
            assertEquals(before, node.readLinearizable().get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aStorageDirectoryOfAnotherGroupIsRefused() throws Exception {
        try (TestGroup group = new TestGroup(dir, 1, RaftSettings.DEFAULT_SNAPSHOT_THRESHOLD)) {
            group.start(0);
            group.awaitLeader();
            group.stop(0);
            RaftSettings s = group.settings(0);
            RaftSettings otherCluster = new RaftSettings(s.storageDir(), 0, s.peers(), s.groupSeed() + ";backend2",
                    s.electionTimeoutMin(), s.electionTimeoutMax(), s.requestTimeout());
            RecordingListener l = new RecordingListener();
            IOException e = assertThrows(IOException.class, () -> RaftNode.start(otherCluster, l, l).close());
            assertTrue(e.getMessage().contains("holds the log of group"), e.getMessage());
        }
    }

    static List<Path> snapshots(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).toList();
        } catch (IOException e) {
            return List.of(); // a file vanished while walking (old snapshots are deleted): look again
        }
    }
}
