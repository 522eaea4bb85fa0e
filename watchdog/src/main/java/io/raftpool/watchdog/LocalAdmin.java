package io.raftpool.watchdog;

import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.FailoverKind;
import io.raftpool.consensus.FailoverOperation;
import io.raftpool.consensus.FailoverPhase;
import io.raftpool.consensus.RaftNode;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendStatus;
import io.raftpool.proxy.ProxyServer;
import io.raftpool.proxy.ReplicationState;
import io.raftpool.proxy.health.HealthCheckStats;
import io.raftpool.proxy.health.HealthChecker;
import io.raftpool.proxy.session.SessionInfo;
import io.raftpool.watchdog.admin.AdminException;
import io.raftpool.watchdog.admin.ClusterAdmin;
import io.raftpool.watchdog.admin.HealthCheckInfo;
import io.raftpool.watchdog.admin.NodeInfo;
import io.raftpool.watchdog.admin.ProcessInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The admin operations of this raftpool: node operations become requests in the Raft log (so they reach
 * every instance and, as in Pgpool-II, bypass failover consensus), and the answer waits until the leader
 * has carried them out.
 */
final class LocalAdmin implements ClusterAdmin {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());
    private static final Duration OPERATION_TIMEOUT = Duration.ofMinutes(10);

    private final RaftNode raft;
    private final ProxyServer proxy;
    private final HealthChecker health;
    private final Reloader reloader;
    private final Consumer<StopMode> stopper;
    private final WatchdogStatus watchdogStatus;
    private final ClusterEvents events;
    /** Admin calls wait here for their operation, not on the common pool the rest of raftpool uses. */
    private final ExecutorService waits = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raftpool-admin-wait");
        t.setDaemon(true);
        return t;
    });

    LocalAdmin(RaftNode raft, ProxyServer proxy, HealthChecker health, Reloader reloader,
            Consumer<StopMode> stopper, WatchdogStatus watchdogStatus, ClusterEvents events) {
        this.watchdogStatus = watchdogStatus;
        this.events = events;
        this.raft = raft;
        this.proxy = proxy;
        this.health = health;
        this.reloader = reloader;
        this.stopper = stopper;
    }

    @Override
    public List<NodeInfo> nodes() {
        List<BackendNode> nodes = proxy.view().current().nodes();
        double total = nodes.stream().mapToDouble(BackendNode::weight).sum();
        List<NodeInfo> result = new ArrayList<>();
        for (BackendNode n : nodes) {
            ReplicationState.NodeReplication r = proxy.context().replication().get(n.id());
            result.add(new NodeInfo(n.id(), n.host(), n.port(), numericStatus(n.status()),
                    total > 0 ? n.weight() / total : 0, n.status().display(), r.reachable() ? "up" : "down",
                    n.role().display(), !r.reachable() ? "unknown" : r.primary() ? "primary" : "standby",
                    n.isPrimary() ? 0 : r.delayBytes(), n.isPrimary() || r.state().isEmpty() ? "none" : r.state(),
                    n.isPrimary() || r.syncState().isEmpty() ? "none" : r.syncState(),
                    TIME.format(n.lastStatusChange())));
        }
        return result;
    }

    private static int numericStatus(BackendStatus s) {
        return switch (s) {
            case UNUSED -> 0;
            case WAITING -> 1;
            case UP -> 2;
            case DOWN, QUARANTINE -> 3;
        };
    }

    @Override
    public CompletableFuture<String> attach(int nodeId) {
        return operate(FailoverKind.ATTACH, nodeId);
    }

    @Override
    public CompletableFuture<String> detach(int nodeId, boolean gracefully) {
        if (!gracefully) {
            return operate(FailoverKind.DETACH, nodeId);
        }
        // pcp_detach_node -g: wait until every client has disconnected, or recovery_timeout
        Duration limit = proxy.context().config().get(io.raftpool.conf.Params.RECOVERY_TIMEOUT);
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!proxy.context().sessions().sessions().isEmpty() && System.nanoTime() < deadline) {
                FailoverExecutor.pause(Duration.ofMillis(100));
            }
        }, waits).thenCompose(x -> operate(FailoverKind.DETACH, nodeId));
    }

    @Override
    public CompletableFuture<String> promote(int nodeId, boolean switchover) {
        return operate(switchover ? FailoverKind.SWITCHOVER : FailoverKind.PROMOTE, nodeId);
    }

    @Override
    public CompletableFuture<String> recover(int nodeId) {
        return operate(FailoverKind.RECOVERY, nodeId);
    }

    private CompletableFuture<String> operate(FailoverKind kind, int nodeId) {
        if (proxy.view().current().node(nodeId).isEmpty()) {
            return CompletableFuture.failedFuture(new AdminException(AdminException.Kind.NOT_FOUND,
                    "node " + nodeId + " does not exist"));
        }
        return raft.submit(new ClusterCommand.StartOperation(kind, nodeId, -1, "admin request",
                System.currentTimeMillis()))
                .thenCompose(state -> waitFor(latest(state, kind, nodeId)))
                .handle((op, e) -> {
                    if (e != null) {
                        Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        if (c instanceof AdminException ae) {
                            throw ae;
                        }
                        throw new AdminException(AdminException.Kind.UNAVAILABLE, c.getMessage());
                    }
                    if (op.phase() == FailoverPhase.FAILED) {
                        throw new AdminException(AdminException.Kind.FAILED_PRECONDITION, op.detail());
                    }
                    return op.detail();
                });
    }

    private static long latest(ClusterState state, FailoverKind kind, int nodeId) {
        return state.operations().values().stream().filter(o -> o.kind() == kind && o.nodeId() == nodeId)
                .max(Comparator.comparingLong(FailoverOperation::id)).map(FailoverOperation::id)
                .orElseThrow(() -> new AdminException(AdminException.Kind.INTERNAL, "the operation was not recorded"));
    }

    /** Completes when the operation is DONE or FAILED in the locally applied state. */
    private CompletableFuture<FailoverOperation> waitFor(long id) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                FailoverOperation op = raft.state().operations().get(id);
                if (op != null && (op.phase() == FailoverPhase.DONE || op.phase() == FailoverPhase.FAILED)) {
                    return op;
                }
                FailoverExecutor.pause(Duration.ofMillis(50));
            }
            throw new AdminException(AdminException.Kind.UNAVAILABLE, "operation " + id + " did not finish in time");
        }, waits);
    }

    @Override
    public CompletableFuture<String> reload() {
        try {
            return CompletableFuture.completedFuture(reloader.reload());
        } catch (AdminException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<String> stop(StopMode mode) {
        stopper.accept(mode);
        return CompletableFuture.completedFuture("stopping (" + mode.name().toLowerCase(Locale.ROOT) + ")");
    }

    @Override
    public List<ProcessInfo> processes() {
        List<ProcessInfo> result = new ArrayList<>();
        for (var s : proxy.context().sessions().sessions()) {
            SessionInfo i = s.info();
            result.add(new ProcessInfo(i.processId(), i.database(), i.user(), TIME.format(i.connectedAt()),
                    i.state(), i.loadBalanceNode(), i.applicationName()));
        }
        return result;
    }

    @Override
    public List<HealthCheckInfo> healthCheckStats() {
        List<HealthCheckInfo> result = new ArrayList<>();
        for (BackendNode n : proxy.view().current().nodes()) {
            HealthCheckStats s = health.stats().get(n.id());
            if (s == null) {
                continue;
            }
            result.add(new HealthCheckInfo(n.id(), n.host(), n.port(), n.status().display(), n.role().display(),
                    TIME.format(n.lastStatusChange()), s.totalCount(), s.successCount(), s.failCount(), s.skipCount(),
                    s.retryCount(), s.averageRetryCount(), s.maxRetryCount(), s.maxDuration().toMillis(),
                    s.minDuration().toMillis(), s.averageDuration().toNanos() / 1e6, time(s.lastCheck()),
                    time(s.lastSuccess()), time(s.lastSkip()), time(s.lastFailure())));
        }
        return result;
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    @Override
    public io.raftpool.watchdog.admin.WatchdogInfo watchdogInfo() {
        return watchdogStatus.info();
    }

    @Override
    public AutoCloseable watch(Consumer<io.raftpool.watchdog.admin.ClusterEvent> listener) {
        return events.subscribe(listener);
    }
}
