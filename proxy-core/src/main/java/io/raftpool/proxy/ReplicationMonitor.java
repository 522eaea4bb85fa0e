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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    /** Sources of failures in {@link #failures}, besides "node N". */
    private static final String ROUND = "round";
    private static final String STANDBYS = "standbys";

    private final Transport transport;
    private final EventLoop loop;
    private final java.util.function.Supplier<ProxySettings> settingsNow;
    private final BackendViewHolder view;
    private final ReplicationState state;
    private final PasswordSource passwords;
    private final Map<Integer, String> applicationNames;
    private final FailureLog failures = new FailureLog(LOG);
    /** Set and read on the loop only. */
    private CompletableFuture<Void> lastPeriodicRound;

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

    /**
     * Checks now and then every sr_check_period; completes after the first check (exceptionally when the
     * check itself failed, not when a node did not answer).
     */
    public CompletableFuture<Void> start() {
        CompletableFuture<Void> first = checkOnce();
        long period = settingsNow.get().srCheckPeriod().toMillis();
        if (period > 0) {
            loop.scheduleWithFixedDelay(this::periodicCheck, period, period, TimeUnit.MILLISECONDS);
        }
        return first;
    }

    /** A periodic round, unless the last one is still waiting for a slow node: rounds never pile up. */
    private void periodicCheck() {
        if (lastPeriodicRound != null && !lastPeriodicRound.isDone()) {
            LOG.debug("sr_check: the last round has not ended yet; this one is skipped");
            return;
        }
        lastPeriodicRound = checkOnce();
    }

    /**
     * Runs one round of checks. Once every node answered or failed to, the future completes normally, what
     * they answered recorded (a node that did not answer as down); when the round itself fails, it completes
     * exceptionally and the failure is logged, once per distinct failure.
     */
    public CompletableFuture<Void> checkOnce() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> round().whenComplete((v, e) -> {
                if (e == null) {
                    failures.recovered(ROUND, "the streaming-replication check works again");
                    done.complete(null);
                } else {
                    Throwable cause = unwrap(e);
                    failures.failed(ROUND, "the streaming-replication check failed: " + cause, cause);
                    done.completeExceptionally(cause);
                }
            }));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    /**
     * Asks every node, then records the answers. A node that does not answer is an answer ("down"), never
     * a failure of the round: a failed query must not reach apply(), which reads the answers.
     */
    private CompletableFuture<Void> round() {
        List<BackendNode> nodes;
        Map<Integer, CompletableFuture<List<String>>> answers = new LinkedHashMap<>();
        try {
            nodes = view.current().nodes();
            for (BackendNode n : nodes) {
                answers.put(n.id(), ask(n, NODE_QUERY).handle((r, e) -> firstRow(n, r, e)));
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
                .thenCompose(v -> {
                    Map<Integer, List<String>> rows = new LinkedHashMap<>();
                    answers.forEach((id, answer) -> {
                        List<String> row = answer.join();
                        if (row != null) {
                            rows.put(id, row);
                        }
                    });
                    return apply(nodes, rows);
                });
    }

    /** The node's answer to NODE_QUERY, or null (logged) when it gave none. */
    private List<String> firstRow(BackendNode n, SimpleQueryResult r, Throwable e) {
        String source = "node " + n.id();
        if (e != null) {
            failures.failed(source, "sr_check: node " + n.id() + " does not answer: " + message(e), null);
            return null;
        }
        if (!r.ok() || r.rows().isEmpty() || r.rows().get(0).size() < 2) {
            failures.failed(source, "sr_check on node " + n.id() + " failed: "
                    + (r.ok() ? "unexpected answer " + r.rows() : r.error()), null);
            return null;
        }
        failures.recovered(source, "sr_check: node " + n.id() + " answers again");
        return r.rows().get(0);
    }

    private CompletableFuture<Void> apply(List<BackendNode> nodes, Map<Integer, List<String>> rows) {
        // The primary to measure against and to adopt: an attached node not in recovery. A detached node
        // still running as a primary (a false primary, an old primary not stopped yet) is never taken.
        java.util.Set<Integer> attached = new java.util.HashSet<>();
        nodes.stream().filter(n -> n.status().isAttached()).forEach(n -> attached.add(n.id()));
        Integer primary = rows.entrySet().stream().filter(e -> "f".equals(e.getValue().get(0)))
                .map(Map.Entry::getKey).filter(attached::contains).findFirst().orElse(null);
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
        int p = primary;
        BackendNode node = nodes.stream().filter(n -> n.id() == p).findFirst().orElseThrow();
        return ask(node, STANDBYS_QUERY).handle((r, e) -> {
            if (e == null && r.ok()) {
                failures.recovered(STANDBYS, "sr_check: pg_stat_replication is readable again");
                recordStandbyStates(r.rows());
            } else {
                failures.failed(STANDBYS, "sr_check: could not read pg_stat_replication on primary node " + p
                        + ": " + (e != null ? message(e) : r.error()), null);
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
        CompletableFuture<SimpleQueryResult> answer;
        try {
            answer = ask(n, "SELECT pg_is_in_recovery()");
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((r, e) -> {
            if (e == null && r.ok() && r.firstValue() != null) {
                return java.util.Optional.of("t".equals(r.firstValue()));
            }
            LOG.debug("node {} did not say whether it is in recovery: {}", n.id(), e != null ? message(e) : r.error());
            return java.util.Optional.empty();
        });
    }

    /**
     * A check's query: connecting and answering each get connect_timeout (10 s when it is 0), so that a node
     * that accepts connections but never answers (a stopped postmaster, a hung standby) ends the check
     * instead of holding it, and the failover waiting on it, for ever.
     */
    private CompletableFuture<SimpleQueryResult> ask(BackendNode n, String sql) {
        ProxySettings s = settingsNow.get();
        return run(n, s.srCheckUser(), s.srCheckPassword(), s.srCheckDatabase(), sql, checkTimeout(s));
    }

    private static Duration checkTimeout(ProxySettings s) {
        return s.connectTimeout().isZero() ? Duration.ofSeconds(10) : s.connectTimeout();
    }

    /**
     * Runs one query on a node on a connection of its own, as user (password: the configured one, else
     * pool_passwd's), then closes it.
     */
    public CompletableFuture<SimpleQueryResult> query(BackendNode n, String user, String password, String database,
            String sql) {
        return run(n, user, password, database, sql, Duration.ZERO).whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug("query on node {} failed: {}", n.id(), message(e));
            } else if (!r.ok()) {
                LOG.warn("query on node {} failed: {}", n.id(), r.error());
            }
        });
    }

    /** @param answerTimeout how long the query may take once connected; zero: no limit (online recovery's SQL) */
    private CompletableFuture<SimpleQueryResult> run(BackendNode n, String user, String password, String database,
            String sql, Duration answerTimeout) {
        try {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("user", user);
            params.put("database", database);
            params.put("application_name", "raftpool");
            ProxySettings s = settingsNow.get();
            return BackendConnection.open(transport, loop, n, params, passwords.credentialsFor(user, password),
                    checkTimeout(s), s.maxMessageSize())
                    .thenCompose(c -> answer(n, c, sql, answerTimeout));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<SimpleQueryResult> answer(BackendNode n, BackendConnection c, String sql,
            Duration timeout) {
        CompletableFuture<SimpleQueryResult> answer = c.query(sql);
        if (!timeout.isZero()) {
            Timeouts.failAfter(loop, answer, timeout.toNanos(), () -> new TimeoutException(
                    "node " + n.id() + " did not answer within " + timeout.toMillis() + " ms (connect_timeout)"), () -> { });
        }
        // on the loop either way: a late answer, or the timer, ends the connection
        return answer.whenComplete((r, e) -> c.terminate());
    }

    private static Throwable unwrap(Throwable e) {
        return (e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null
                ? e.getCause() : e;
    }

    private static String message(Throwable e) {
        Throwable cause = unwrap(e);
        return cause.getMessage() != null ? cause.getMessage() : cause.toString();
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
