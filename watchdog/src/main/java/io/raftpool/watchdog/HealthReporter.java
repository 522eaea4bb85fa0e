package io.raftpool.watchdog;

import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.FailoverKind;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.consensus.RaftNode;
import io.raftpool.proxy.health.HealthChecker;
import io.raftpool.proxy.health.HealthObserver;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns health observations into failover requests in the Raft log. Whoever leads carries them out; a
 * request made while another operation is unfinished is refused by the state machine, and the health
 * check reports the node again at its next failure.
 */
final class HealthReporter implements HealthObserver {

    private static final Logger LOG = LoggerFactory.getLogger(HealthReporter.class);

    private final RaftNode raft;
    private final Supplier<Config> config;
    private final String self;
    private final ViewBridge view;
    private final ClusterEvents events;
    private volatile HealthChecker healthChecker;

    HealthReporter(RaftNode raft, Supplier<Config> config, String self, ViewBridge view, ClusterEvents events) {
        this.raft = raft;
        this.config = config;
        this.self = self;
        this.view = view;
        this.events = events;
    }

    @Override
    public void nodeUnreachable(int nodeId, String reason) {
        requestFailover(nodeId, reason);
    }

    /** A node this instance quarantined answers again: it routes to it again (Pgpool-II's local failback). */
    @Override
    public void nodeReachable(int nodeId) {
        if (view.release(nodeId)) {
            events.publish(ClusterEvents.Kind.QUARANTINE, "node " + nodeId + " answers again: out of quarantine on "
                    + self, raft.currentTerm());
        }
    }

    /**
     * failover_on_backend_error: a session losing its connection makes the node's health check run at
     * once, and the check decides. (Pgpool-II fails over directly; checking first keeps a backend killed
     * with pg_terminate_backend() from taking its whole node down, and is no slower.)
     */
    @Override
    public void backendError(int nodeId, String reason) {
        HealthChecker checker = healthChecker;
        if (config.get().get(Params.FAILOVER_ON_BACKEND_ERROR) && checker != null) {
            LOG.info("{}; checking node {} now", reason, nodeId);
            checker.checkNow(nodeId);
        }
    }

    void healthChecker(HealthChecker checker) {
        this.healthChecker = checker;
    }

    @Override
    public void backendShutdown(int nodeId, String reason) {
        if (config.get().get(Params.FAILOVER_ON_BACKEND_SHUTDOWN)) {
            requestFailover(nodeId, "node is shutting down: " + reason);
        }
    }

    private void requestFailover(int nodeId, String reason) {
        BackendState b = raft.state().backends().get(nodeId);
        if (b == null || b.status() == NodeStatus.DOWN) {
            return;
        }
        if (raft.state().unfinished().map(op -> op.nodeId() == nodeId).orElse(false)) {
            return; // an operation on this node is under way: it decides
        }
        Config c = config.get();
        boolean watchdog = c.get(Params.USE_WATCHDOG) && c.watchdogNodes().size() > 1;
        if (watchdog && c.get(Params.FAILOVER_REQUIRE_CONSENSUS)) {
            int needed = votesNeeded(c);
            LOG.warn("voting for the failover of node {} ({} votes needed): {}", nodeId, needed, reason);
            raft.submit(new ClusterCommand.FailoverVote(c.nodeId(), nodeId, needed,
                    c.get(Params.ALLOW_MULTIPLE_FAILOVER_REQUESTS_FROM_NODE), voteWindow(c, nodeId).toMillis(),
                    reason, System.currentTimeMillis())).whenComplete((s, e) -> {
                        if (e != null && Causes.root(e) instanceof io.raftpool.consensus.CommandRejectedException) {
                            LOG.info("vote for node {} not needed: {}", nodeId, Causes.root(e).getMessage());
                        } else if (e != null) {
                            quarantine(nodeId, "the vote was not recorded (" + e.getMessage() + ")");
                        } else if (s.backends().get(nodeId).status() != NodeStatus.DOWN
                                && s.unfinished().map(op -> op.nodeId() != nodeId).orElse(true)) {
                            long votes = s.votes().stream().filter(v -> v.nodeId() == nodeId)
                                    .map(v -> v.memberId()).distinct().count();
                            quarantine(nodeId, "no consensus yet (" + votes + " of " + needed + " members)");
                        }
                    });
            return;
        }
        LOG.warn("requesting failover of node {}: {}", nodeId, reason);
        raft.submit(new ClusterCommand.StartOperation(FailoverKind.FAILOVER, nodeId, -1, self + ": " + reason,
                System.currentTimeMillis())).whenComplete((s, e) -> {
                    if (e != null) {
                        LOG.info("failover request for node {} not recorded: {}", nodeId, e.getMessage());
                        if (watchdog) {
                            quarantine(nodeId, "no quorum to record the failover (" + e.getMessage() + ")");
                        }
                    }
                });
    }

    /**
     * Pgpool-II 4.3's rule: a majority of the configured members; with enable_consensus_with_half_votes and an
     * even count, half of them.
     */
    static int votesNeeded(Config c) {
        int members = Math.max(1, c.watchdogNodes().size());
        boolean half = c.get(Params.ENABLE_CONSENSUS_WITH_HALF_VOTES) && members % 2 == 0;
        return half ? members / 2 : members / 2 + 1;
    }

    /** How long a vote counts: long enough for every member's health check to have found the failure too. */
    private static Duration voteWindow(Config c, int nodeId) {
        var hc = c.healthCheck(nodeId);
        Duration oneCheck = hc.period().plus(hc.retryDelay().plus(hc.timeout()).multipliedBy(hc.maxRetries() + 1));
        Duration window = oneCheck.multipliedBy(3);
        return window.compareTo(Duration.ofSeconds(15)) < 0 ? Duration.ofSeconds(15) : window;
    }

    /** Without a decision, this instance alone stops routing to the node until it answers again. */
    private void quarantine(int nodeId, String why) {
        if (view.quarantine(nodeId)) {
            LOG.warn("node {} is quarantined on this instance: {}", nodeId, why);
            events.publish(ClusterEvents.Kind.QUARANTINE, "node " + nodeId + " quarantined on " + self + ": " + why,
                    raft.currentTerm());
        }
    }
}
