package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminException;
import io.raftpool.watchdog.admin.ClusterAdmin;
import io.raftpool.watchdog.admin.HealthCheckInfo;
import io.raftpool.watchdog.admin.NodeInfo;
import io.raftpool.watchdog.admin.ProcessInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A ClusterAdmin for the subcommands' tests: records each call and answers with canned data, or as told. */
final class InMemoryClusterAdmin implements ClusterAdmin {
    static final NodeInfo NODE0 = new NodeInfo(0, "db0.example", 5432, 2, 0.5, "up", "up", "primary", "primary", 0,
            "", "", "2024-05-01 10:00:00");
    static final NodeInfo NODE1 = new NodeInfo(1, "db1.example", 5433, 3, 0.25, "quarantine", "down", "standby",
            "unknown", 123456789012L, "streaming", "async", "2024-05-01 10:00:05");
    static final ProcessInfo SESSION = new ProcessInfo(4711, "app", "alice", "2024-05-01 11:00:00",
            "Execute command", 1, "psql");
    static final HealthCheckInfo STATS0 = new HealthCheckInfo(0, "db0.example", 5432, "up", "primary",
            "2024-05-01 10:00:00", 10, 9, 1, 0, 2, 0.2, 1, 15, 1, 3.5, "2024-05-01 12:00:00", "2024-05-01 12:00:00", "",
            "2024-05-01 11:59:00");
    static final HealthCheckInfo STATS1 = new HealthCheckInfo(1, "db1.example", 5433, "down", "standby",
            "2024-05-01 10:00:05", 3, 0, 3, 0, 0, 0, 0, 0, 0, 0, "2024-05-01 12:00:00", "", "", "2024-05-01 12:00:00");

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile List<NodeInfo> nodes = List.of(NODE0, NODE1);
    volatile List<ProcessInfo> processes = List.of(SESSION);
    /** When set, the commands fail with it. */
    volatile AdminException refusal;
    /** When set, the commands return it. */
    volatile CompletableFuture<String> pending;

    @Override
    public List<NodeInfo> nodes() {
        calls.add("nodes");
        return nodes;
    }

    @Override
    public CompletableFuture<String> attach(int nodeId) {
        return command("attach " + nodeId, "node " + nodeId + " attached");
    }

    @Override
    public CompletableFuture<String> detach(int nodeId, boolean gracefully) {
        return command("detach " + nodeId + (gracefully ? " gracefully" : ""), "node " + nodeId + " detached");
    }

    @Override
    public CompletableFuture<String> promote(int nodeId, boolean switchover) {
        return command("promote " + nodeId + (switchover ? " switchover" : ""), "node " + nodeId + " is the primary");
    }

    @Override
    public CompletableFuture<String> recover(int nodeId) {
        return command("recover " + nodeId, "node " + nodeId + " recovered");
    }

    @Override
    public CompletableFuture<String> reload() {
        return command("reload", "num_init_children needs a restart");
    }

    @Override
    public CompletableFuture<String> stop(StopMode mode) {
        return command("stop " + mode, "stopping");
    }

    @Override
    public List<ProcessInfo> processes() {
        calls.add("processes");
        return processes;
    }

    @Override
    public List<HealthCheckInfo> healthCheckStats() {
        calls.add("healthCheckStats");
        return List.of(STATS0, STATS1);
    }

    static final io.raftpool.watchdog.admin.WatchdogInfo WATCHDOG = new io.raftpool.watchdog.admin.WatchdogInfo(3, 2,
            2, 1, 2, 0, "QUORUM IS ON THE EDGE", List.of(0, 2), true, "pool0:9999 Linux pool0", "pool0", 0, 7, 42, 41,
            0, 0, 7, List.of(
                    new io.raftpool.watchdog.admin.WatchdogMember(0, "pool0:9999 Linux pool0", "pool0", "10.0.0.100",
                            9999, 9000, 3, 4, "LEADER", 0, "MEMBER", true, true, -1),
                    new io.raftpool.watchdog.admin.WatchdogMember(1, "pool1:9999 Linux pool1", "pool1", "10.0.0.100",
                            9999, 9000, 1, 8, "LOST", 0, "MEMBER", false, false, 31000)));

    /** Events a watch receives at once, after which the watch ends (the member "goes away"). */
    final List<io.raftpool.watchdog.admin.ClusterEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public io.raftpool.watchdog.admin.WatchdogInfo watchdogInfo() {
        calls.add("watchdogInfo");
        return WATCHDOG;
    }

    @Override
    public AutoCloseable watch(java.util.function.Consumer<io.raftpool.watchdog.admin.ClusterEvent> listener) {
        calls.add("watch");
        events.forEach(listener);
        return () -> { };
    }

    private CompletableFuture<String> command(String call, String message) {
        calls.add(call);
        if (refusal != null) {
            return CompletableFuture.failedFuture(refusal);
        }
        return pending != null ? pending : CompletableFuture.completedFuture(message);
    }
}
