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
 * auto_failback: on the leader, a detached standby that streams from the primary again (as the primary's
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
