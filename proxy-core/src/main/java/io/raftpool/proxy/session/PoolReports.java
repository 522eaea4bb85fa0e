package io.raftpool.proxy.session;

import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendView;
import io.raftpool.proxy.ReplicationState;
import io.raftpool.proxy.pool.BackendPool;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of SHOW pool_nodes, pool_processes and pool_pools, with Pgpool-II 4.3's columns. */
final class PoolReports {
    private PoolReports() {
    }

    /** Pgpool-II prints times as "%F %T" in local time. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    static final List<String> NODE_COLUMNS = List.of("node_id", "hostname", "port", "status", "pg_status",
            "lb_weight", "role", "pg_role", "select_cnt", "load_balance_node", "replication_delay",
            "replication_state", "replication_sync_state", "last_status_change");

    static String version() {
        String v = PoolReports.class.getPackage().getImplementationVersion();
        return "4.3.0 (raftpool " + (v == null ? "development build" : v) + ")";
    }

    static AdminCommands.Result nodes(ProxyContext context, SessionInfo self) {
        BackendView view = context.view().current();
        double total = view.nodes().stream().mapToDouble(BackendNode::weight).sum();
        List<List<String>> rows = new ArrayList<>();
        for (BackendNode n : view.nodes()) {
            ReplicationState.NodeReplication r = context.replication().get(n.id());
            String pgStatus = r.reachable() ? "up" : "down";
            String pgRole = !r.reachable() ? "unknown" : r.primary() ? "primary" : "standby";
            rows.add(List.of(String.valueOf(n.id()), n.host(), String.valueOf(n.port()), n.status().display(),
                    pgStatus, String.format(Locale.ROOT, "%f", total > 0 ? n.weight() / total : 0.0),
                    n.role().display(), pgRole, String.valueOf(context.stats().selects(n.id())),
                    String.valueOf(n.id() == self.loadBalanceNode()),
                    n.isPrimary() ? "0" : String.valueOf(r.delayBytes()), n.isPrimary() ? "" : r.state(),
                    n.isPrimary() ? "" : r.syncState(), TIME.format(n.lastStatusChange())));
        }
        return AdminCommands.Result.rows(NODE_COLUMNS, rows);
    }

    static AdminCommands.Result processes(ProxyContext context) {
        List<List<String>> rows = new ArrayList<>();
        for (ClientSession s : context.sessions().sessions()) {
            SessionInfo i = s.info();
            String start = TIME.format(i.connectedAt());
            rows.add(List.of(String.valueOf(i.processId()), start, "1", i.database(), i.user(), start, "1",
                    statusText(i.state())));
        }
        return AdminCommands.Result.rows(List.of("pool_pid", "start_time", "client_connection_count", "database",
                "username", "backend_connection_time", "pool_counter", "status"), rows);
    }

    private static String statusText(String state) {
        return switch (state) {
            case "READY" -> "Idle";
            case "WAITING_FOR_SLOT" -> "Wait for connection";
            case "CLOSED" -> "Closing";
            default -> "Execute command";
        };
    }

    static AdminCommands.Result pools(ProxyContext context) {
        List<List<String>> rows = new ArrayList<>();
        int poolId = 0;
        for (BackendPool pool : context.pools().values()) {
            for (var e : pool.idleByKey().entrySet()) {
                rows.add(List.of("0", TIME.format(context.startedAt()), "0", String.valueOf(poolId++),
                        String.valueOf(e.getKey().nodeId()), e.getKey().database(), e.getKey().user(), "", "", "",
                        "0", "3", "0", String.valueOf(e.getValue()), "0", "1", "Idle in pool"));
            }
        }
        for (ClientSession s : context.sessions().sessions()) {
            SessionInfo i = s.info();
            rows.add(List.of(String.valueOf(i.processId()), TIME.format(i.connectedAt()), "1", "0", "0",
                    i.database(), i.user(), TIME.format(i.connectedAt()), TIME.format(i.connectedAt()), "", "0",
                    "3", "0", "1", "0", "1", statusText(i.state())));
        }
        return AdminCommands.Result.rows(List.of("pool_pid", "start_time", "client_connection_count", "pool_id",
                "backend_id", "database", "username", "backend_connection_time", "client_connection_time",
                "client_disconnection_time", "client_idle_duration", "majorversion", "minorversion", "pool_counter",
                "pool_backendpid", "pool_connected", "status"), rows);
    }

    static String now() {
        return TIME.format(Instant.now());
    }
}
