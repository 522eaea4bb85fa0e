package io.raftpool.watchdog;

import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.FailoverKind;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.consensus.RaftNode;
import io.raftpool.proxy.ReplicationState;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * auto_failback and detach_false_primary, on the leader. auto_failback: a detached standby that streams from the primary again (as the primary's
 * pg_stat_replication shows, matched by backend_application_name) is attached, at most once every
 * auto_failback_interval per node. A node an operator detached stays detached only while it does not
 * stream, as in Pgpool-II.
 */
final class AutoFailback {

    private static final Logger LOG = LoggerFactory.getLogger(AutoFailback.class);

    private final RaftNode raft;
    private final ReplicationState replication;
    private final Supplier<Config> config;
    private final Map<Integer, Long> lastFailback = new HashMap<>();

    AutoFailback(RaftNode raft, ReplicationState replication, Supplier<Config> config) {
        this.raft = raft;
        this.replication = replication;
        this.config = config;
    }

    /**
     * detach_false_primary: a node that says it is a primary (not in recovery) while the log records another
     * node as primary is a false primary (a standby promoted behind raftpool's back, an old primary
     * restarted as such) and is detached before clients can write to it.
     */
    void detachFalsePrimaries() {
        if (!raft.isLeader() || !config.get().get(Params.DETACH_FALSE_PRIMARY)) {
            return;
        }
        ClusterState s = raft.state();
        if (s.primaryNodeId() < 0 || s.unfinished().isPresent()) {
            return;
        }
        for (BackendState b : s.backends().values()) {
            boolean attached = b.status() == NodeStatus.UP || b.status() == NodeStatus.WAITING;
            ReplicationState.NodeReplication r = replication.get(b.id());
            if (attached && b.id() != s.primaryNodeId() && r.reachable() && r.primary()) {
                LOG.warn("detach_false_primary: node {} runs as a primary, but node {} is the primary; detaching it",
                        b.id(), s.primaryNodeId());
                raft.submit(new ClusterCommand.StartOperation(FailoverKind.DETACH, b.id(), -1,
                        "detach_false_primary", System.currentTimeMillis()));
                return;
            }
        }
    }

    /** One look; called every sr_check_period. */
    void check() {
        if (!raft.isLeader()) {
            return;
        }
        ClusterState s = raft.state();
        if (s.primaryNodeId() < 0 || s.unfinished().isPresent()) {
            return;
        }
        long now = System.nanoTime();
        for (BackendState b : s.backends().values()) {
            if (b.status() != NodeStatus.DOWN || b.id() == s.primaryNodeId()) {
                continue;
            }
            Long last = lastFailback.get(b.id());
            if (last != null && now - last < config.get().get(Params.AUTO_FAILBACK_INTERVAL).toNanos()) {
                continue;
            }
            if ("streaming".equals(replication.get(b.id()).state())) {
                lastFailback.put(b.id(), now);
                LOG.info("auto_failback: node {} streams from the primary again; attaching it", b.id());
                raft.submit(new ClusterCommand.StartOperation(FailoverKind.FAILBACK, b.id(), -1,
                        "auto_failback", System.currentTimeMillis()));
                return;
            }
        }
    }
}
