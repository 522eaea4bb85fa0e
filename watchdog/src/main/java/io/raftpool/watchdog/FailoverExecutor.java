package io.raftpool.watchdog;

import io.raftpool.conf.BackendConfig;
import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.command.CommandResult;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.conf.command.CommandTemplate;
import io.raftpool.conf.command.FailoverPlaceholders;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.FailoverOperation;
import io.raftpool.consensus.FailoverPhase;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.consensus.RaftNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out failover operations on the Raft leader, and only there. Each operation is in the log before
 * anything runs (REQUESTED), marked RUNNING before its commands run and DONE or FAILED after, so a leader
 * that takes over an operation left RUNNING verifies the backends (who is really primary) instead of
 * running failover_command again.
 */
final class FailoverExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverExecutor.class);

    private final RaftNode raft;
    private final Supplier<Config> config;
    private final CommandRunner runner;
    private final NodeProbe probe;
    private final OnlineRecovery recovery;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raftpool-failover");
        t.setDaemon(true);
        return t;
    });

    FailoverExecutor(RaftNode raft, Supplier<Config> config, CommandRunner runner, NodeProbe probe, OnlineRecovery.Sql sql) {
        this.raft = raft;
        this.config = config;
        this.runner = runner;
        this.probe = probe;
        this.recovery = new OnlineRecovery(this, config, runner, sql);
    }

    /** A new operation was applied: the leader carries it out. */
    void operationRequested(FailoverOperation op) {
        if (raft.isLeader()) {
            worker.execute(() -> run(op.id()));
        }
    }

    /** This instance became the committed leader: it finishes or verifies what a previous leader left. */
    void leaderReady() {
        worker.execute(() -> raft.state().unfinished().ifPresent(op -> run(op.id())));
    }

    private void run(long id) {
        FailoverOperation op = raft.state().operations().get(id);
        if (op == null || op.phase() == FailoverPhase.DONE || op.phase() == FailoverPhase.FAILED || !raft.isLeader()) {
            return;
        }
        try {
            if (op.phase() == FailoverPhase.RUNNING) {
                update(op, FailoverPhase.DONE, verify());
                return;
            }
            update(op, FailoverPhase.RUNNING, "carried out by node " + raft.state().members().keySet());
            String detail = switch (op.kind()) {
                case FAILOVER, DETACH -> new Detach(op).run();
                case ATTACH, FAILBACK -> attach(op);
                case PROMOTE, SWITCHOVER -> new Promote(op).run();
                case RECOVERY -> recovery.run(op);
            };
            update(op, FailoverPhase.DONE, detail);
        } catch (RuntimeException e) {
            LOG.warn("operation {} ({} of node {}) failed: {}", op.id(), op.kind(), op.nodeId(), e.getMessage());
            update(op, FailoverPhase.FAILED, e.getMessage());
        }
    }

    private void update(FailoverOperation op, FailoverPhase phase, String detail) {
        submit(new ClusterCommand.UpdateOperation(op.id(), phase, detail, System.currentTimeMillis()));
    }

    ClusterState submit(ClusterCommand command) {
        return raft.submit(command).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** After a leader change in the middle of an operation: finds the real primary and records it. */
    private String verify() {
        Optional<Integer> primary = searchPrimary(Duration.ofSeconds(10));
        ClusterState s = raft.state();
        if (primary.isPresent() && primary.get() != s.primaryNodeId()) {
            submit(new ClusterCommand.SetPrimary(primary.get(), "verified by a new leader",
                    System.currentTimeMillis()));
        }
        return "verified after a leader change: primary is node " + primary.map(String::valueOf).orElse("unknown")
                + "; failover_command was not run again";
    }

    private String attach(FailoverOperation op) {
        BackendState b = backend(op.nodeId());
        if (b.status() == NodeStatus.UP || b.status() == NodeStatus.WAITING) {
            throw new IllegalStateException("node " + op.nodeId() + " is already attached");
        }
        submit(new ClusterCommand.SetBackendStatus(op.nodeId(), NodeStatus.UP, "attached by " + op.requestedBy(),
                System.currentTimeMillis()));
        ClusterState s = raft.state();
        CommandResult r = runIfSet("failback_command", config.get().get(Params.FAILBACK_COMMAND),
                placeholders(op.nodeId(), s.primaryNodeId(), s.primaryNodeId(), s.primaryNodeId()));
        return "node " + op.nodeId() + " attached" + outcome(r);
    }

    BackendState backend(int nodeId) {
        BackendState b = raft.state().backends().get(nodeId);
        if (b == null) {
            throw new IllegalArgumentException("node " + nodeId + " does not exist");
        }
        return b;
    }

    /** Asks the attached nodes, until one says it is not in recovery or the time is up. */
    Optional<Integer> searchPrimary(Duration timeout) {
        long deadline = System.nanoTime() + (timeout.isZero() ? Long.MAX_VALUE / 2 : timeout.toNanos());
        do {
            for (Map.Entry<Integer, BackendState> e : raft.state().backends().entrySet()) {
                NodeStatus st = e.getValue().status();
                if ((st == NodeStatus.UP || st == NodeStatus.WAITING)
                        && probe.inRecovery(e.getKey()).map(rec -> !rec).orElse(false)) {
                    return Optional.of(e.getKey());
                }
            }
            pause(Duration.ofMillis(200));
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    static void pause(Duration d) {
        try {
            TimeUnit.NANOSECONDS.sleep(d.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    CommandResult runIfSet(String name, String template, FailoverPlaceholders values) {
        CommandTemplate t = CommandTemplate.of(name, template);
        if (t.isEmpty()) {
            return null;
        }
        return runner.run(t, values.toPlaceholders(), config.get().get(Params.FAILOVER_COMMAND_TIMEOUT));
    }

    static String outcome(CommandResult r) {
        return r == null ? "" : "; " + r.summary();
    }

    /** The placeholder values for a command about node, with the new main node, old main and old primary. */
    FailoverPlaceholders placeholders(int node, int newMain, int oldMain, int oldPrimary) {
        BackendConfig n = backendConfig(node);
        BackendConfig m = backendConfig(newMain);
        BackendConfig p = backendConfig(oldPrimary);
        return new FailoverPlaceholders(node, n.hostname(), n.port(), n.dataDirectory(), newMain, m.hostname(),
                oldMain, oldPrimary, m.port(), m.dataDirectory(), p.hostname(), p.port());
    }

    private BackendConfig backendConfig(int id) {
        return config.get().backends().stream().filter(b -> b.id() == id).findFirst()
                .orElse(new BackendConfig(id < 0 ? -1 : id, "", 0, 0, "", "", java.util.Set.of()));
    }

    boolean probeInRecovery(int nodeId) {
        return probe.inRecovery(nodeId).orElse(false);
    }

    /** True when the node answers at all (primary or standby). */
    boolean probeAnswers(int nodeId) {
        return probe.inRecovery(nodeId).isPresent();
    }

    RaftNode raft() {
        return raft;
    }

    Config config() {
        return config.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    /** Detach (health-check failure, pcp_detach_node): the node goes down; a failed primary is replaced. */
    private final class Detach {
        private final FailoverOperation op;

        Detach(FailoverOperation op) {
            this.op = op;
        }

        String run() {
            BackendState b = backend(op.nodeId());
            if (b.status() == NodeStatus.DOWN) {
                return "node " + op.nodeId() + " was already down";
            }
            ClusterState before = raft.state();
            int oldPrimary = before.primaryNodeId();
            boolean wasPrimary = oldPrimary == op.nodeId();
            submit(new ClusterCommand.SetBackendStatus(op.nodeId(), NodeStatus.DOWN, "detached: " + op.requestedBy(),
                    System.currentTimeMillis()));
            int newMain = wasPrimary ? lowestAttached().orElse(-1) : oldPrimary;
            CommandResult failover = runIfSet("failover_command", config.get().get(Params.FAILOVER_COMMAND),
                    placeholders(op.nodeId(), newMain, oldPrimary, oldPrimary));
            if (!wasPrimary) {
                return "standby " + op.nodeId() + " detached" + outcome(failover);
            }
            submit(new ClusterCommand.SetPrimary(-1, "primary " + op.nodeId() + " failed", System.currentTimeMillis()));
            Duration search = config.get().get(Params.SEARCH_PRIMARY_NODE_TIMEOUT);
            Optional<Integer> found = searchPrimary(search);
            if (found.isEmpty()) {
                return "primary " + op.nodeId() + " detached" + outcome(failover)
                        + "; no new primary found within search_primary_node_timeout";
            }
            submit(new ClusterCommand.SetPrimary(found.get(), "found after failover of node " + op.nodeId(),
                    System.currentTimeMillis()));
            String follows = new FollowPrimary(FailoverExecutor.this, found.get(), oldPrimary).run();
            return "primary " + op.nodeId() + " failed over to node " + found.get() + outcome(failover) + follows;
        }
    }

    Optional<Integer> lowestAttached() {
        return raft.state().backends().values().stream()
                .filter(b -> b.status() == NodeStatus.UP || b.status() == NodeStatus.WAITING)
                .map(BackendState::id).sorted().findFirst();
    }

    /** pcp_promote_node: -s switches over (the old primary is detached and failover_command promotes). */
    private final class Promote {
        private final FailoverOperation op;

        Promote(FailoverOperation op) {
            this.op = op;
        }

        String run() {
            BackendState target = backend(op.nodeId());
            ClusterState s = raft.state();
            int oldPrimary = s.primaryNodeId();
            if (oldPrimary == op.nodeId()) {
                throw new IllegalStateException("node " + op.nodeId() + " is already the primary");
            }
            if (target.status() != NodeStatus.UP && target.status() != NodeStatus.WAITING) {
                throw new IllegalStateException("node " + op.nodeId() + " is not attached");
            }
            if (op.kind() == io.raftpool.consensus.FailoverKind.PROMOTE) {
                submit(new ClusterCommand.SetPrimary(op.nodeId(), "promoted by " + op.requestedBy(),
                        System.currentTimeMillis()));
                return "node " + op.nodeId() + " is the primary now"
                        + new FollowPrimary(FailoverExecutor.this, op.nodeId(), oldPrimary).run();
            }
            if (oldPrimary >= 0) {
                submit(new ClusterCommand.SetBackendStatus(oldPrimary, NodeStatus.DOWN, "switchover to node "
                        + op.nodeId(), System.currentTimeMillis()));
            }
            CommandResult failover = runIfSet("failover_command", config.get().get(Params.FAILOVER_COMMAND),
                    placeholders(oldPrimary, op.nodeId(), oldPrimary, oldPrimary));
            submit(new ClusterCommand.SetPrimary(-1, "switchover", System.currentTimeMillis()));
            Optional<Integer> found = searchPrimary(config.get().get(Params.SEARCH_PRIMARY_NODE_TIMEOUT));
            found.ifPresent(id -> submit(new ClusterCommand.SetPrimary(id, "switchover", System.currentTimeMillis())));
            return "switchover from node " + oldPrimary + outcome(failover) + "; primary is now node "
                    + found.map(String::valueOf).orElse("unknown")
                    + found.map(id -> new FollowPrimary(FailoverExecutor.this, id, oldPrimary).run()).orElse("");
        }
    }
}
