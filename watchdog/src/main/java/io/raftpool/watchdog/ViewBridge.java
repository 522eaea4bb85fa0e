package io.raftpool.watchdog;

import io.raftpool.conf.BackendConfig;
import io.raftpool.conf.Config;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.NodeRole;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendRole;
import io.raftpool.proxy.BackendStatus;
import io.raftpool.proxy.BackendView;
import io.raftpool.proxy.ProxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every applied cluster state into the proxy, so that every instance routes by the same replicated
 * truth: backend status and the primary come from the Raft log, host, port and weight from pgpool.conf.
 */
final class ViewBridge {

    private static final Logger LOG = LoggerFactory.getLogger(ViewBridge.class);

    private final Supplier<Config> config;
    private final ProxyServer proxy;

    ViewBridge(Supplier<Config> config, ProxyServer proxy) {
        this.config = config;
        this.proxy = proxy;
    }

    /** Applies a state; nodes that left the pool lose their cached connections. */
    void apply(ClusterState state) {
        if (state.backends().isEmpty()) {
            return;
        }
        BackendView before = proxy.view().current();
        List<BackendNode> nodes = new ArrayList<>();
        for (BackendConfig b : config.get().backends()) {
            BackendState s = state.backends().get(b.id());
            if (s == null) {
                // declared in pgpool.conf but not registered in the log yet: as the proxy found it
                before.node(b.id()).ifPresent(nodes::add);
                continue;
            }
            nodes.add(new BackendNode(b.id(), b.hostname(), b.port(), b.weight(), status(s.status()),
                    s.role() == NodeRole.PRIMARY ? BackendRole.PRIMARY : BackendRole.STANDBY, s.lastStatusChange()));
        }
        BackendView after = new BackendView(nodes);
        if (after.equals(before)) {
            return;
        }
        proxy.view().update(v -> after);
        for (BackendNode n : after.nodes()) {
            BackendNode old = before.node(n.id()).orElse(null);
            boolean left = old != null && old.status().isAttached() && !n.status().isAttached();
            boolean demoted = old != null && old.isPrimary() && !n.isPrimary();
            if (left || demoted) {
                LOG.info("node {} is now {} {}: closing its connections", n.id(), n.status().display(),
                        n.role().display());
                proxy.dropNode(n.id(), old.isPrimary());
            }
        }
    }

    static BackendStatus status(NodeStatus s) {
        return switch (s) {
            case WAITING -> BackendStatus.WAITING;
            case UP -> BackendStatus.UP;
            case DOWN -> BackendStatus.DOWN;
            case QUARANTINE -> BackendStatus.QUARANTINE;
            case UNUSED -> BackendStatus.UNUSED;
        };
    }
}
