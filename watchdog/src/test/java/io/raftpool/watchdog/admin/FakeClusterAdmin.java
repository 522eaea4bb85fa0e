package io.raftpool.watchdog.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory ClusterAdmin: records each call and answers with canned data, or fails as told. */
final class FakeClusterAdmin implements ClusterAdmin {
    static final NodeInfo NODE0 = new NodeInfo(0, "db0.example", 5432, 2, 0.5, "up", "up", "primary", "primary", 0,
            "", "", "2024-05-01 10:00:00");
    static final NodeInfo NODE1 = new NodeInfo(1, "db1.example", 5433, 3, 0.25, "quarantine", "down", "standby",
            "unknown", 123456789012L, "streaming", "async", "2024-05-01 10:00:05");
    static final ProcessInfo SESSION = new ProcessInfo(4711, "app", "alice", "2024-05-01 11:00:00", "Idle", 1, "psql");
    static final HealthCheckInfo STATS0 = new HealthCheckInfo(0, "db0.example", 5432, "up", "primary",
            "2024-05-01 10:00:00", 10, 9, 1, 0, 2, 0.2, 1, 15, 1, 3.5, "2024-05-01 12:00:00", "2024-05-01 12:00:00", "",
            "2024-05-01 11:59:00");
    static final HealthCheckInfo STATS1 = new HealthCheckInfo(1, "db1.example", 5433, "down", "standby",
            "2024-05-01 10:00:05", 3, 0, 3, 0, 0, 0, 0, 0, 0, 0, "2024-05-01 12:00:00", "", "", "2024-05-01 12:00:00");

    /** Every call, as "method args". */
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile List<NodeInfo> nodes = List.of(NODE0, NODE1);
    volatile List<ProcessInfo> processes = List.of(SESSION);
    volatile List<HealthCheckInfo> stats = List.of(STATS0, STATS1);
    /** When set, every call fails with it: thrown by the lists, completing the futures exceptionally. */
    volatile RuntimeException failure;
    /** When set, the commands return it (say, a future that never completes). */
    volatile CompletableFuture<String> pending;

    @Override
    public List<NodeInfo> nodes() {
        calls.add("nodes");
        failIfTold();
        return nodes;
    }

    @Override
    public CompletableFuture<String> attach(int nodeId) {
        return command("attach " + nodeId, "node " + nodeId + " attached");
    }

    @Override
    public CompletableFuture<String> detach(int nodeId, boolean gracefully) {
        return command("detach " + nodeId + " gracefully=" + gracefully, "node " + nodeId + " detached");
    }

    @Override
    public CompletableFuture<String> promote(int nodeId, boolean switchover) {
        return command("promote " + nodeId + " switchover=" + switchover, "node " + nodeId + " promoted");
    }

    @Override
    public CompletableFuture<String> recover(int nodeId) {
        return command("recover " + nodeId, "node " + nodeId + " recovered");
    }

    @Override
    public CompletableFuture<String> reload() {
        return command("reload", "reloaded; port needs a restart");
    }

    @Override
    public CompletableFuture<String> stop(StopMode mode) {
        return command("stop " + mode, "stopping (" + mode + ")");
    }

    @Override
    public List<ProcessInfo> processes() {
        calls.add("processes");
        failIfTold();
        return processes;
    }

    @Override
    public List<HealthCheckInfo> healthCheckStats() {
        calls.add("healthCheckStats");
        failIfTold();
        return stats;
    }

    static final WatchdogInfo WATCHDOG = new WatchdogInfo(3, 2, 2, 1, 2, 0, "QUORUM IS ON THE EDGE", List.of(0, 2),
            true, "pool0:9999 Linux pool0", "pool0", 0, 7, 42, 41, 0, 0, 7, List.of(
                    new WatchdogMember(0, "pool0:9999 Linux pool0", "pool0", "10.0.0.100", 9999, 9000, 3, 4, "LEADER",
                            0, "MEMBER", true, true, -1),
                    new WatchdogMember(1, "pool1:9999 Linux pool1", "pool1", "10.0.0.100", 9999, 9000, 1, 8, "LOST",
                            0, "MEMBER", false, false, 31000)));

    final java.util.List<java.util.function.Consumer<ClusterEvent>> watchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public WatchdogInfo watchdogInfo() {
        calls.add("watchdogInfo");
        failIfTold();
        return WATCHDOG;
    }

    @Override
    public AutoCloseable watch(java.util.function.Consumer<ClusterEvent> listener) {
        calls.add("watch");
        watchers.add(listener);
        return () -> watchers.remove(listener);
    }

    private CompletableFuture<String> command(String call, String message) {
        calls.add(call);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        return pending != null ? pending : CompletableFuture.completedFuture(message);
    }

    private void failIfTold() {
        if (failure != null) {
            throw failure;
        }
    }
}
