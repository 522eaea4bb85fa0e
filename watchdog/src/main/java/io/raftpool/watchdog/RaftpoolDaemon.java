package io.raftpool.watchdog;

import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.WatchdogNodeConfig;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.LeadershipListener;
import io.raftpool.consensus.NodeRole;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.consensus.RaftNode;
import io.raftpool.consensus.RaftSettings;
import io.raftpool.consensus.StateListener;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.PasswordSource;
import io.raftpool.proxy.ProxyServer;
import io.raftpool.proxy.health.HealthChecker;
import io.raftpool.conf.pcp.PcpUsers;
import io.raftpool.watchdog.admin.AdminServer;
import io.raftpool.watchdog.admin.ClusterAdmin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;
import io.raftpool.proxy.clientauth.PoolClientAuthentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running raftpool: the proxy, the Raft node holding the replicated cluster state, the health check
 * and the failover executor, wired together. Without use_watchdog it is a one-member Raft group, so the
 * same code path serves one instance and many.
 */
public final class RaftpoolDaemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftpoolDaemon.class);

    private final Config config;
    private final ProxyServer proxy;
    private final RaftNode raft;
    private final FailoverExecutor executor;
    private final HealthChecker health;
    private final ClusterAdmin admin;
    private final AdminServer adminServer;
    private final ClusterEvents events;
    private volatile Watchdog watchdog;
    private final java.util.concurrent.ScheduledExecutorService background =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "raftpool-background");
                t.setDaemon(true);
                return t;
            });

    private RaftpoolDaemon(Config config, ProxyServer proxy, RaftNode raft, FailoverExecutor executor,
            HealthChecker health, ClusterAdmin admin, AdminServer adminServer, ClusterEvents events) {
        this.events = events;
        this.adminServer = adminServer;
        this.config = config;
        this.proxy = proxy;
        this.raft = raft;
        this.executor = executor;
        this.health = health;
        this.admin = admin;
    }

    /**
     * Starts everything.
     *
     * @param discardStatus forget the replicated backend status (pgpool -D)
     * @param stopper       called when an admin asks this raftpool to stop
     */
    public static RaftpoolDaemon start(Config config, Function<Config, PoolClientAuthentication> authFor,
            Supplier<PcpUsers> pcpUsers, boolean discardStatus, Consumer<ClusterAdmin.StopMode> stopper)
            throws IOException, InterruptedException {
        AtomicReference<Config> current = new AtomicReference<>(config);
        Supplier<Config> cfg = current::get;
        AtomicReference<PoolClientAuthentication> auth = new AtomicReference<>(authFor.apply(config));
        PasswordSource passwords = (user, configured) -> auth.get().credentialsFor(user, configured);
        ProxyServer proxy = ProxyServer.create(config, auth.get(), passwords);
        ClusterEvents events = new ClusterEvents();
        Holder holder = new Holder(new ViewBridge(cfg, proxy), events);
        try {
            Path storage = storageDir(config);
            if (discardStatus) {
                deleteRecursively(storage);
            }
            RaftNode raft = RaftNode.start(settings(config, storage), holder, holder);
            holder.raft = raft;
            CommandRunner runner = new CommandRunner();
            NodeProbe probe = nodeId -> proxy.view().current().node(nodeId)
                    .map(n -> proxy.replicationMonitor().inRecovery(n).join()).orElse(Optional.empty());
            OnlineRecovery.Sql sql = (nodeId, user, password, database, statement) -> proxy.view().current()
                    .node(nodeId).flatMap(n -> {
                        try {
                            return Optional.of(proxy.replicationMonitor().query(n, user, password, database, statement)
                                    .join());
                        } catch (java.util.concurrent.CompletionException e) {
                            return Optional.empty();
                        }
                    });
            FailoverExecutor executor = new FailoverExecutor(raft, cfg, runner, probe, sql);
            HealthReporter reporter = new HealthReporter(raft, cfg, "member " + config.nodeId(), holder.bridge, events);
            HealthChecker health = new HealthChecker(proxy.transport(), proxy.backgroundLoop(), config, proxy.view(),
                    passwords, reporter);
            reporter.healthChecker(health);
            proxy.context().healthObserver(reporter);
            Reloader reloader = new Reloader(current, auth, authFor, proxy, health, holder.bridge, raft);
            WatchdogStatus watchdogStatus = new WatchdogStatus(raft, cfg);
            LocalAdmin admin = new LocalAdmin(raft, proxy, health, reloader, stopper, watchdogStatus, events);
            AdminServer adminServer = new AdminServer(admin, pcpUsers, config.get(Params.PCP_LISTEN_ADDRESSES),
                    config.get(Params.PCP_PORT)).start();
            RaftpoolDaemon daemon = new RaftpoolDaemon(config, proxy, raft, executor, health, admin, adminServer,
                    events);
            holder.bridge.apply(caughtUp(raft));
            holder.daemon = daemon;
            proxy.listen(); // before the watchdog: the delegate IP's check connects to the proxy port
            if (config.get(Params.USE_WATCHDOG)) {
                try {
                    daemon.watchdog = Watchdog.start(cfg, raft, events, runner);
                    watchdogStatus.watchdog(daemon.watchdog);
                } catch (RuntimeException e) {
                    daemon.close();
                    throw new IOException("the watchdog could not start: " + e.getMessage(), e);
                }
                long[] ticks = {0};
                daemon.background.scheduleWithFixedDelay(() -> {
                    Watchdog w = daemon.watchdog;
                    if (w != null) {
                        w.tick(ticks[0]++);
                    }
                }, 100, 100,
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            if (raft.isLeader()) {
                holder.leaderReady(raft.currentTerm());
            }
            health.start();
            AutoFailback watch = new AutoFailback(raft, proxy.context().replication(), cfg);
            long period = Math.max(1000, config.get(Params.SR_CHECK_PERIOD).toMillis());
            daemon.background.scheduleWithFixedDelay(() -> {
                if (cfg.get().get(Params.AUTO_FAILBACK)) {
                    watch.check();
                }
                watch.detachFalsePrimaries();
            }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
            return daemon;
        } catch (IOException | RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    /**
     * The replicated state once this node has applied everything committed before it started (a
     * linearizable read), so that the proxy never routes by pgpool.conf after a restart.
     */
    private static ClusterState caughtUp(RaftNode raft) {
        try {
            return raft.readLinearizable().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("could not catch up with the Raft log ({}); starting from what is applied locally", e.toString());
            return raft.state();
        }
    }

    /** Routes Raft callbacks to the proxy view, and to the daemon once it exists. */
    private static final class Holder implements LeadershipListener, StateListener {
        final ViewBridge bridge;
        final ClusterEvents events;
        volatile RaftNode raft;
        volatile RaftpoolDaemon daemon;
        private ClusterState previous = ClusterState.empty();

        Holder(ViewBridge bridge, ClusterEvents events) {
            this.bridge = bridge;
            this.events = events;
        }

        @Override
        public void restored(ClusterState state) {
            previous = state;
            bridge.apply(state);
        }

        @Override
        public void leaderReady(long term) {
            RaftpoolDaemon d = daemon;
            if (d != null) {
                Watchdog w = d.watchdog;
                if (w != null) {
                    w.leaderReady();
                }
                d.background.execute(d::onLeaderReady);
            }
        }

        @Override
        public void notLeader() {
            LOG.info("this instance is no longer the Raft leader");
        }

        @Override
        public void applied(ClusterState state, ClusterCommand command) {
            bridge.apply(state);
            RaftNode r = raft;
            StateEvents.publish(events, previous, state, command, r == null ? 0 : r.currentTerm());
            ClusterState before = previous;
            previous = state;
            RaftpoolDaemon d = daemon;
            // A StartOperation, or the FailoverVote that completed a consensus, starts an operation.
            if (d != null) {
                state.unfinished().filter(op -> !before.operations().containsKey(op.id()))
                        .ifPresent(d.executor::operationRequested);
            }
        }
    }

    /**
     * The committed leader registers backends pgpool.conf declares that the log does not know yet (all of
     * them on first start), then finishes what is unfinished.
     */
    private void onLeaderReady() {
        try {
            ClusterState s = raft.state();
            List<BackendState> unknown = new ArrayList<>();
            Instant now = Instant.now();
            for (BackendNode n : proxy.view().current().nodes()) {
                if (!s.backends().containsKey(n.id())) {
                    unknown.add(new BackendState(n.id(), NodeStatus.UP,
                            n.isPrimary() ? NodeRole.PRIMARY : NodeRole.STANDBY, now, "registered from pgpool.conf"));
                }
            }
            if (!unknown.isEmpty()) {
                executor.submit(new ClusterCommand.RegisterBackends(unknown));
            }
            if (raft.state().primaryNodeId() < 0) {
                proxy.view().current().primary().ifPresent(p -> executor.submit(new ClusterCommand.SetPrimary(p.id(),
                        "found by the streaming-replication check", System.currentTimeMillis())));
            }
            executor.leaderReady();
        } catch (RuntimeException e) {
            LOG.warn("could not record the backends as leader: {}", e.getMessage());
        }
    }

    static Path storageDir(Config config) {
        String dir = config.get(Params.RAFT_STORAGE_DIR);
        Path base = dir.isEmpty() ? Path.of(config.get(Params.LOGDIR), "raftpool_raft") : Path.of(dir);
        return base.resolve("node" + config.nodeId());
    }

    private static RaftSettings settings(Config config, Path storage) {
        Map<Integer, InetSocketAddress> peers = new LinkedHashMap<>();
        if (config.get(Params.USE_WATCHDOG)) {
            for (WatchdogNodeConfig n : config.watchdogNodes()) {
                peers.put(n.id(), new InetSocketAddress(n.hostname(), n.wdPort()));
            }
        } else {
            peers.put(config.nodeId(), new InetSocketAddress("127.0.0.1", config.get(Params.WD_PORT, config.nodeId())));
        }
        // The group is the cluster's members, not its backends: adding or moving a backend must not make an
        // instance refuse its own Raft log. Built from the configured strings, never resolved addresses.
        StringBuilder seed = new StringBuilder("raftpool");
        peers.forEach((id, a) -> seed.append("|wd").append(id).append('=').append(a.getHostString()).append(':')
                .append(a.getPort()));
        Duration election = config.get(Params.RAFT_ELECTION_TIMEOUT);
        int priority = config.get(Params.WD_PRIORITY);
        // wd_priority biases the first election only: a higher priority waits less before standing. Equal Ratis
        // priorities keep a returning member from pulling leadership (and the delegate IP) back.
        Duration firstElectionDelay = peers.size() < 2 ? Duration.ZERO
                : priority == 0 ? election.multipliedBy(2) : election.dividedBy(priority);
        return new RaftSettings(storage, config.nodeId(), peers, seed.toString(), election,
                election.multipliedBy(2), Duration.ofSeconds(10), RaftSettings.DEFAULT_SNAPSHOT_THRESHOLD,
                firstElectionDelay);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    public ClusterAdmin admin() {
        return admin;
    }

    public ProxyServer proxy() {
        return proxy;
    }

    /** The cluster's events as this instance sees them, for the admin API's watch. */
    public ClusterEvents events() {
        return events;
    }

    /**
     * Gives the delegate IP up, records the shutdown and hands the Raft leadership over, before the proxy
     * stops: the first step of every stop.
     */
    public void leaveCluster() {
        Watchdog w = watchdog;
        watchdog = null;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public void close() {
        leaveCluster();
        background.shutdownNow();
        adminServer.stop();
        health.close();
        executor.close();
        proxy.close();
        try {
            raft.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the Raft node: {}", e.toString());
        }
        LOG.info("raftpool stopped");
    }

}
