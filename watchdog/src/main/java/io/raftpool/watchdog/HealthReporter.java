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
    private volatile HealthChecker healthChecker;

    HealthReporter(RaftNode raft, Supplier<Config> config, String self) {
        this.raft = raft;
        this.config = config;
        this.self = self;
    }

    @Override
    public void nodeUnreachable(int nodeId, String reason) {
        requestFailover(nodeId, reason);
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
        LOG.warn("requesting failover of node {}: {}", nodeId, reason);
        raft.submit(new ClusterCommand.StartOperation(FailoverKind.FAILOVER, nodeId, -1, self + ": " + reason,
                System.currentTimeMillis())).whenComplete((s, e) -> {
                    if (e != null) {
                        LOG.info("failover request for node {} not recorded: {}", nodeId, e.getMessage());
                    }
                });
    }
}
