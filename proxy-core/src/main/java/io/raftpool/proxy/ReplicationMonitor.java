package io.raftpool.proxy;

import io.netty.channel.EventLoop;
import io.raftpool.proxy.backend.BackendConnection;
import io.raftpool.proxy.backend.SimpleQueryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming-replication check (sr_check_*): asks every backend whether it is in recovery and how far
 * it has replayed, and the primary how its standbys stream. The first check finds the primary, which is
 * never assumed from the node order; later checks refresh what SHOW pool_nodes reports.
 */
public final class ReplicationMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationMonitor.class);

    private static final String NODE_QUERY = "SELECT pg_is_in_recovery(), CASE WHEN pg_is_in_recovery() "
            + "THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END";
    private static final String STANDBYS_QUERY =
            "SELECT application_name, state, sync_state FROM pg_stat_replication";

    private final Transport transport;
    private final EventLoop loop;
    private final java.util.function.Supplier<ProxySettings> settingsNow;
    private final BackendViewHolder view;
    private final ReplicationState state;
    private final PasswordSource passwords;
    private final Map<Integer, String> applicationNames;

    /**
     * @param applicationNames backend_application_nameN of each node, to match pg_stat_replication rows
     */
    public ReplicationMonitor(Transport transport, EventLoop loop, java.util.function.Supplier<ProxySettings> settings,
            BackendViewHolder view,
            ReplicationState state, PasswordSource passwords, Map<Integer, String> applicationNames) {
        this.transport = transport;
        this.loop = loop;
        this.settingsNow = settings;
        this.view = view;
        this.state = state;
        this.passwords = passwords;
        this.applicationNames = Map.copyOf(applicationNames);
    }

    /** Checks now and then every sr_check_period; completes after the first check. */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> first = checkOnce();
        long period = settingsNow.get().srCheckPeriod().toMillis();
        if (period > 0) {
            loop.scheduleWithFixedDelay(this::checkOnce, period, period, TimeUnit.MILLISECONDS);
        }
        return first;
    }

    /** Runs one round of checks. */
    public CompletableFuture<Void> checkOnce() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            List<BackendNode> nodes = view.current().nodes();
            Map<Integer, CompletableFuture<SimpleQueryResult>> results = new LinkedHashMap<>();
            for (BackendNode n : nodes) {
                results.put(n.id(), ask(n, NODE_QUERY));
            }
            CompletableFuture.allOf(results.values().stream().map(f -> f.exceptionally(e -> null))
                    .toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
                        apply(nodes, results).whenComplete((x, y) -> done.complete(null));
                    });
        });
        return done;
    }

    private CompletableFuture<Void> apply(List<BackendNode> nodes,
            Map<Integer, CompletableFuture<SimpleQueryResult>> results) {
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        for (BackendNode n : nodes) {
            SimpleQueryResult r = results.get(n.id()).getNow(null);
            if (r != null && r.ok() && !r.rows().isEmpty()) {
                rows.put(n.id(), r.rows().get(0));
            }
        }
        Integer primary = rows.entrySet().stream().filter(e -> "f".equals(e.getValue().get(0)))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        long primaryLsn = primary == null ? 0 : lsn(rows.get(primary).get(1));
        for (BackendNode n : nodes) {
            List<String> row = rows.get(n.id());
            if (row == null) {
                state.put(n.id(), ReplicationState.NodeReplication.UNKNOWN);
            } else {
                boolean isPrimary = "f".equals(row.get(0));
                long delay = isPrimary || primary == null ? 0 : Math.max(0, primaryLsn - lsn(row.get(1)));
                ReplicationState.NodeReplication old = state.get(n.id());
                state.put(n.id(), new ReplicationState.NodeReplication(true, isPrimary, delay, old.state(),
                        old.syncState()));
            }
        }
        if (primary != null && view.current().primary().isEmpty()) {
            adoptPrimary(primary);
        }
        if (primary == null) {
            return CompletableFuture.completedFuture(null);
        }
        BackendNode p = view.current().node(primary).orElseThrow();
        return ask(p, STANDBYS_QUERY).handle((r, e) -> {
            if (r != null && r.ok()) {
                recordStandbyStates(r.rows());
            }
            return null;
        });
    }

    private void adoptPrimary(int primary) {
        Instant now = Instant.now();
        view.update(v -> {
            List<BackendNode> nodes = new ArrayList<>();
            for (BackendNode n : v.nodes()) {
                BackendRole role = n.id() == primary ? BackendRole.PRIMARY : BackendRole.STANDBY;
                nodes.add(n.role() == role ? n : n.withRole(role, now));
            }
            return new BackendView(nodes);
        });
        LOG.info("found the primary: node {}", primary);
    }

    private void recordStandbyStates(List<List<String>> rows) {
        for (Map.Entry<Integer, String> e : applicationNames.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            ReplicationState.NodeReplication old = state.get(e.getKey());
            String st = "";
            String sync = "";
            for (List<String> row : rows) {
                if (e.getValue().equals(row.get(0))) {
                    st = row.get(1);
                    sync = row.get(2);
                }
            }
            state.put(e.getKey(), new ReplicationState.NodeReplication(old.reachable(), old.primary(),
                    old.delayBytes(), st, sync));
        }
    }

    /**
     * Asks a node whether it is in recovery: completes with true for a standby, false for a primary, and
     * empty when the node does not answer.
     */
    public CompletableFuture<java.util.Optional<Boolean>> inRecovery(BackendNode n) {
        return ask(n, "SELECT pg_is_in_recovery()").handle((r, e) -> e == null && r.ok() && r.firstValue() != null
                ? java.util.Optional.of("t".equals(r.firstValue())) : java.util.Optional.empty());
    }

    private CompletableFuture<SimpleQueryResult> ask(BackendNode n, String sql) {
        ProxySettings s = settingsNow.get();
        return query(n, s.srCheckUser(), s.srCheckPassword(), s.srCheckDatabase(), sql);
    }

    /**
     * Runs one query on a node on a connection of its own, as user (password: the configured one, else
     * pool_passwd's), then closes it.
     */
    public CompletableFuture<SimpleQueryResult> query(BackendNode n, String user, String password, String database,
            String sql) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", user);
        params.put("database", database);
        params.put("application_name", "raftpool");
        ProxySettings s = settingsNow.get();
        return BackendConnection.open(transport, loop, n, params, passwords.credentialsFor(user, password),
                s.connectTimeout().isZero() ? Duration.ofSeconds(10) : s.connectTimeout(), s.maxMessageSize())
                .thenCompose(c -> c.query(sql).whenComplete((r, e) -> c.terminate()))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.debug("sr_check on node {} failed: {}", n.id(), e.getMessage());
                    } else if (!r.ok()) {
                        LOG.warn("sr_check on node {} failed: {}", n.id(), r.error());
                    }
                });
    }

    /** Parses an LSN "16/B374D848" into a byte position. */
    static long lsn(String text) {
        if (text == null || !text.contains("/")) {
            return 0;
        }
        String[] p = text.split("/");
        return (Long.parseLong(p[0], 16) << 32) + Long.parseLong(p[1], 16);
    }
}
