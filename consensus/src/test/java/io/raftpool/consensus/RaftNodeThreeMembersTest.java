package io.raftpool.consensus;

import static io.raftpool.consensus.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.consensus.ClusterCommand.SetBackendStatus;
import io.raftpool.consensus.ClusterCommand.UpsertMember;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaftNodeThreeMembersTest {

    @TempDir
    Path dir;

    @Test
    void threeMembersApplyTheSameHistoryThroughTheLossOfTheirLeader() throws Exception {
        try (TestGroup group = new TestGroup(dir, 3, RaftSettings.DEFAULT_SNAPSHOT_THRESHOLD).startAll()) {
            int first = group.awaitLeader();
            checkLeadership(group, first);

            // Commands submitted on a follower reach the leader; every member applies them in one order.
            RaftNodeSingleMemberTest.submitEveryKind(group.node((first + 1) % 3));
            ClusterState state = RaftNodeSingleMemberTest.submit(group.node(first),
                    new SetBackendStatus(0, NodeStatus.QUARANTINE, "no quorum", T0 + 9));
            assertEquals(state, group.awaitSameState(state.appliedIndex()));
            TestGroup.await("every listener told of all 8", () -> group.listeners.values().stream()
                    .allMatch(l -> l.appliedCommands.size() == 8));
            List<ClusterCommand> history = group.listeners.get(first).appliedCommands;
            group.listeners.values().forEach(l -> assertEquals(history, l.appliedCommands));

            // The leader goes away: another takes over under a later term, and the state goes on from where it was.
            int leader = group.awaitLeader();
            long term = group.node(leader).currentTerm();
            group.stop(leader);
            int next = group.awaitLeader();
            assertNotEquals(leader, next);
            assertTrue(group.node(next).currentTerm() > term);
            ClusterState after = RaftNodeSingleMemberTest.submit(group.node(next),
                    new UpsertMember(Fixtures.member(leader).withStatus(MemberStatus.SHUTDOWN,
                            Instant.ofEpochMilli(T0 + 10))));
            assertEquals(state.backends(), after.backends());
            assertEquals(after, group.awaitSameState(after.appliedIndex()));

            // The old leader comes back and catches up.
            group.start(leader);
            assertEquals(after, group.awaitSameState(after.appliedIndex()));
            RecordingListener back = group.listeners.get(leader);
            TestGroup.await("the returning member told of all 9", () -> back.appliedCommands.size() == 9);
            assertEquals(group.listeners.get(next).appliedCommands, back.appliedCommands);
            group.awaitLeader();
        }
    }

    /**
     * What the members say of a leader. A busy machine can make them elect again at any time: the checks allow
     * for the leader changing under them.
     */
    private static void checkLeadership(TestGroup group, int leader) {
        int follower = (leader + 1) % 3;
        RaftNode node = group.node(leader);
        long term = node.currentTerm();
        TestGroup.await("every member knows the leader", () -> !node.isLeader()
                || group.nodes.values().stream().allMatch(n -> n.leaderId().equals(Optional.of(leader))));
        TestGroup.await("the leader hears from its followers", () -> !node.isLeader()
                || node.followerSilence(follower).orElse(Duration.ofDays(1)).compareTo(Duration.ofSeconds(2)) < 0);
        assertEquals(Optional.empty(), group.node(follower).followerSilence(leader), "only a leader knows");
        assertTrue(group.listeners.get(leader).leaderTerms.contains(term), "leaderReady(" + term + ")");
    }

    @Test
    void withoutAQuorumACommandFailsWithinTheRequestTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (TestGroup group = new TestGroup(dir, 3, RaftSettings.DEFAULT_SNAPSHOT_THRESHOLD, timeout).startAll()) {
            int leader = group.awaitLeader();
            RaftNodeSingleMemberTest.submit(group.node(leader), Fixtures.threeBackends());
            leader = group.awaitLeader();

            // The leader stays, alone: it can append but never commit.
            int follower1 = (leader + 1) % 3;
            int follower2 = (leader + 2) % 3;
            group.stop(follower1);
            group.stop(follower2);
            assertNoQuorum(group.node(leader).submit(new SetBackendStatus(1, NodeStatus.DOWN, "", T0)), timeout);

            // A follower stays, alone: there is no leader at all.
            group.start(follower1);
            group.awaitSameState(1);
            int newLeader = group.awaitLeader();
            group.stop(newLeader);
            RaftNode alone = group.nodes.values().iterator().next();
            assertNoQuorum(alone.submit(new SetBackendStatus(2, NodeStatus.DOWN, "", T0)), timeout);
            assertNoQuorum(alone.readLinearizable(), timeout);
        }
    }

    private static void assertNoQuorum(CompletableFuture<?> future, Duration timeout) {
        long start = System.nanoTime();
        Throwable e = RaftNodeSingleMemberTest.failure(future);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertInstanceOf(NoQuorumException.class, e, () -> String.valueOf(e));
        assertTrue(e.getMessage().contains("no leader with a quorum of members answered within "
                + timeout.toMillis() + " ms"), e.getMessage());
        assertTrue(took.compareTo(timeout.plusMillis(1500)) < 0, "took " + took);
    }
}
