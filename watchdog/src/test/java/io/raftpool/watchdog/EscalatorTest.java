package io.raftpool.watchdog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.raftpool.conf.command.CommandRunner;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.LeadershipListener;
import io.raftpool.consensus.RaftNode;
import io.raftpool.consensus.RaftSettings;
import io.raftpool.consensus.StateListener;
import io.raftpool.watchdog.admin.ClusterEvent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The escalation on a real one-member Raft group (always its own quorum) with real escalation scripts: the
 * record in the log, the commands in order, the release at close and of an IP left from an earlier run.
 */
class EscalatorTest {

    @TempDir
    Path dir;

    /** Records what the escalation asks of the delegate IP; "held" is what the host would show. */
    static final class RecordingIp implements DelegateIpControl {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean held;

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public String address() {
            return "10.213.0.100";
        }

        @Override
        public void up() {
            calls.add("up");
            held = true;
        }

        @Override
        public void down() {
            calls.add("down");
            held = false;
        }

        @Override
        public boolean heldLocally() {
            return held;
        }

        @Override
        public boolean answers(Duration timeout) {
            return held;
        }
    }

    private RaftNode startNode() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RaftSettings settings = new RaftSettings(dir.resolve("raft"), 0,
                Map.of(0, new InetSocketAddress("127.0.0.1", port)), "escalator-test", Duration.ofMillis(300),
                Duration.ofMillis(600), Duration.ofSeconds(10));
        LeadershipListener leadership = new LeadershipListener() {
            @Override
            public void leaderReady(long term) {
            }

            @Override
            public void notLeader() {
            }
        };
        StateListener states = (state, command) -> { };
        return RaftNode.start(settings, leadership, states);
    }

    @Test
    void theLeaderRecordsItsTermRunsTheCommandsInOrderAndReleasesAtClose() throws Exception {
        Path log = dir.resolve("commands.log");
        Path script = dir.resolve("log.sh");
        Files.writeString(script, "echo \"$1\" >> '" + log + "'\n");
        RecordingIp ip = new RecordingIp();
        ip.held = true; // left by an earlier run
        List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        ClusterEvents bus = new ClusterEvents();
        bus.subscribe(events::add);
        try (RaftNode raft = startNode()) {
            QuorumCheck quorum = new QuorumCheck(raft, 0, java.util.Set.of(0), Duration.ofMillis(225));
            Escalator escalator = new Escalator(raft, 0, quorum, ip, () -> new Escalator.Commands(
                    "/bin/sh " + script + " escalation", "/bin/sh " + script + " de-escalation", Duration.ofSeconds(10)),
                    new CommandRunner(), bus, () -> false);
            escalator.start();
            await("the escalation", () -> events.stream().anyMatch(e -> e.kind().equals("ESCALATED")));
            assertEquals(List.of("down", "up"), ip.calls, "the stale IP released first, then taken as leader");
            assertTrue(escalator.holding());
            ClusterState s = raft.state();
            assertEquals(0, s.escalation().memberId());
            assertEquals(raft.currentTerm(), s.escalation().term());
            assertEquals("escalation\n", Files.readString(log));

            escalator.close();
            assertEquals(List.of("down", "up", "down"), ip.calls);
            assertEquals("escalation\nde-escalation\n", Files.readString(log));
            assertTrue(events.stream().anyMatch(e -> e.kind().equals("DE_ESCALATED")), events.toString());
        }
    }

    @Test
    void aFailingEscalationScriptDoesNotStopTheIpFromComingUp() throws Exception {
        RecordingIp ip = new RecordingIp();
        try (RaftNode raft = startNode()) {
            QuorumCheck quorum = new QuorumCheck(raft, 0, java.util.Set.of(0), Duration.ofMillis(225));
            try (Escalator escalator = new Escalator(raft, 0, quorum, ip, () -> new Escalator.Commands(
                    "/bin/sh -c 'exit 3'", "", Duration.ofSeconds(10)), new CommandRunner(), new ClusterEvents(),
                    () -> false)) {
                escalator.start();
                await("the IP up", () -> ip.held);
                // An Escalate under an older term is refused by the log: the fencing token only goes forward.
                ClusterCommand old = new ClusterCommand.Escalate(1, raft.currentTerm() - 1, System.currentTimeMillis());
                try {
                    raft.submit(old).join();
                    fail("an escalation under an older term was accepted");
                } catch (java.util.concurrent.CompletionException expected) {
                    assertTrue(expected.getCause().getMessage().contains("older than term"), expected.getMessage());
                }
            }
            assertEquals(List.of("up", "down"), ip.calls);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }
}
