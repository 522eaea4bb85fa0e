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
    /** Nodes this instance alone stops routing to (no quorum or no consensus for their failover). */
    private final java.util.Set<Integer> quarantined = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile ClusterState last;

    ViewBridge(Supplier<Config> config, ProxyServer proxy) {
        this.config = config;
        this.proxy = proxy;
    }

    /** Quarantines a node locally; false if it already was. */
    boolean quarantine(int nodeId) {
        boolean added = quarantined.add(nodeId);
        reapply();
        return added;
    }

    /** Ends a local quarantine; false if the node was not quarantined. */
    boolean release(int nodeId) {
        boolean removed = quarantined.remove(nodeId);
        reapply();
        return removed;
    }

    private void reapply() {
        ClusterState s = last;
        if (s != null) {
            apply(s);
        }
    }

    /** Applies a state; nodes that left the pool lose their cached connections. */
    synchronized void apply(ClusterState state) {
        last = state;
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
            boolean local = quarantined.contains(b.id()) && (s.status() == NodeStatus.UP || s.status() == NodeStatus.WAITING);
            if (!local) {
                quarantined.remove(b.id()); // the cluster decided about it: the local quarantine ends
            }
            nodes.add(new BackendNode(b.id(), b.hostname(), b.port(), b.weight(),
                    local ? BackendStatus.QUARANTINE : status(s.status()),
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
