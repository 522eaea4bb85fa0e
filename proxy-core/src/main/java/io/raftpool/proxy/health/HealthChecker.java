package io.raftpool.proxy.health;

import io.netty.channel.EventLoop;
import io.raftpool.conf.BackendConfig;
import io.raftpool.conf.Config;
import io.raftpool.conf.HealthCheckConfig;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendStatus;
import io.raftpool.proxy.BackendViewHolder;
import io.raftpool.proxy.PasswordSource;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.backend.BackendConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pgpool-II's health check: every health_check_period each attached backend is connected to (as
 * health_check_user, to health_check_database, within connect_timeout, the whole check within
 * health_check_timeout); a failure is retried health_check_max_retries times, health_check_retry_delay
 * apart, and then reported. Nodes with DISALLOW_TO_FAILOVER are checked but never reported.
 */
public final class HealthChecker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthChecker.class);

    private final Transport transport;
    private final EventLoop loop;
    private volatile Config config;
    private final java.util.List<java.util.concurrent.ScheduledFuture<?>> schedules = new java.util.ArrayList<>();
    private final BackendViewHolder view;
    private final PasswordSource passwords;
    private final HealthObserver observer;
    private final Map<Integer, HealthCheckStats> stats = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> failing = new ConcurrentHashMap<>();
    private final Map<Integer, BackendConfig> backends = new LinkedHashMap<>();
    private volatile boolean closed;

    public HealthChecker(Transport transport, EventLoop loop, Config config, BackendViewHolder view,
            PasswordSource passwords, HealthObserver observer) {
        this.transport = transport;
        this.loop = loop;
        this.config = config;
        this.view = view;
        this.passwords = passwords;
        this.observer = observer;
        config.backends().forEach(b -> {
            backends.put(b.id(), b);
            stats.put(b.id(), HealthCheckStats.empty(b.id()));
        });
    }

    /** Starts checking every node whose health_check_period is not zero. */
    public synchronized void start() {
        for (BackendConfig b : backends.values()) {
            HealthCheckConfig hc = config.healthCheck(b.id());
            if (hc.enabled()) {
                long period = hc.period().toMillis();
                schedules.add(loop.scheduleWithFixedDelay(() -> checkNow(b.id()), period, period,
                        TimeUnit.MILLISECONDS));
            }
        }
    }

    /** Reload: the health_check_* values of the new configuration apply from the next check. */
    public synchronized void reload(Config newConfig) {
        schedules.forEach(f -> f.cancel(false));
        schedules.clear();
        this.config = newConfig;
        if (!closed) {
            start();
        }
    }

    /** Checks one node now (retries included); completes with whether it answered. */
    public CompletableFuture<Boolean> checkNow(int nodeId) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        loop.execute(() -> {
            BackendNode node = view.current().node(nodeId).orElse(null);
            if (closed || node == null || !(node.status().isAttached() || node.status() == BackendStatus.QUARANTINE)) {
                stats.computeIfPresent(nodeId, (k, s) -> s.skipped(Instant.now()));
                done.complete(false);
                return;
            }
            attempt(node, config.healthCheck(nodeId), 0, System.nanoTime(), done);
        });
        return done;
    }

    private void attempt(BackendNode node, HealthCheckConfig hc, int retry, long started,
            CompletableFuture<Boolean> done) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("user", hc.user());
        params.put("database", hc.database().isEmpty() ? "postgres" : hc.database());
        params.put("application_name", "raftpool health check");
        CompletableFuture<BackendConnection> opening = BackendConnection.open(transport, loop, node, params,
                passwords.credentialsFor(hc.user(), hc.password()), hc.connectTimeout(), Duration.ZERO, 1 << 20);
        CompletableFuture<BackendConnection> connect = opening;
        // connect_timeout bounds the TCP connect only, health_check_timeout the whole check, as in Pgpool-II
        if (!hc.timeout().isZero()) {
            // the timeout ends a copy: a connection that still opens afterwards is then closed, not left open
            CompletableFuture<BackendConnection> bounded = opening.copy().orTimeout(hc.timeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            opening.thenAccept(late -> {
                if (bounded.isCompletedExceptionally()) {
                    loop.execute(late::terminate);
                }
            });
            connect = bounded;
        }
        connect.whenComplete((conn, err) -> loop.execute(() -> {
            if (err == null) {
                conn.terminate();
                finish(node.id(), true, retry, started, null, done);
            } else if (retry < hc.maxRetries() && !closed) {
                LOG.info("health check of node {} failed ({}); retry {} of {} in {}", node.id(), reason(err),
                        retry + 1, hc.maxRetries(), hc.retryDelay());
                loop.schedule(() -> attempt(node, hc, retry + 1, started, done), hc.retryDelay().toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                finish(node.id(), false, retry, started, reason(err), done);
            }
        }));
    }

    private boolean isQuarantined(int nodeId) {
        return view.current().node(nodeId).map(n -> n.status() == BackendStatus.QUARANTINE).orElse(false);
    }

    private void finish(int nodeId, boolean ok, int retries, long started, String reason,
            CompletableFuture<Boolean> done) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        stats.computeIfPresent(nodeId, (k, s) -> s.checked(Instant.now(), ok, retries, took));
        boolean wasFailing = Boolean.TRUE.equals(failing.put(nodeId, !ok));
        if (ok && wasFailing) {
            LOG.info("health check of node {} succeeded again", nodeId);
            observer.nodeReachable(nodeId);
        } else if (ok && isQuarantined(nodeId)) {
            // the quarantine can be decided after the check that ended it (a slow vote): every passing check
            // of a quarantined node says so again, rather than only the first one after a failure
            LOG.info("health check of node {} succeeded while it is quarantined here", nodeId);
            observer.nodeReachable(nodeId);
        } else if (!ok) {
            LOG.warn("health check of node {} failed after {} retries: {}", nodeId, retries, reason);
            if (backends.get(nodeId).allowsFailover()) {
                observer.nodeUnreachable(nodeId, "health check failed: " + reason);
            }
        }
        done.complete(ok);
    }

    private static String reason(Throwable err) {
        Throwable c = err;
        while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException)) {
            c = c.getCause();
        }
        if (c instanceof java.util.concurrent.TimeoutException) {
            return "timed out (health_check_timeout)";
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** The statistics of every node, by id. */
    public Map<Integer, HealthCheckStats> stats() {
        return Map.copyOf(stats);
    }

    @Override
    public void close() {
        closed = true;
    }
}
