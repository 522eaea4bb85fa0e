package io.raftpool.proxy.pool;

import io.netty.channel.EventLoop;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.ProxySettings;
import io.raftpool.proxy.Timeouts;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.backend.BackendConnection;
import io.raftpool.proxy.backend.BackendCredentials;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cached backend connections of one event loop (Pgpool-II's connection_cache): only touched from that
 * loop, so it needs no locks. A connection a session gives back is reset with reset_query_list and kept for
 * the next session with the same {@link PoolKey}, until connection_life_time / child_life_time of idleness,
 * or after child_max_connections sessions. A connection whose reset has not finished within
 * {@link #RESET_TIMEOUT} (a backend that stopped answering) is closed rather than left open for ever.
 */
public final class BackendPool {

    private static final Logger LOG = LoggerFactory.getLogger(BackendPool.class);
    /** How long reset_query_list may take on a connection given back before it is closed instead of cached. */
    public static final Duration RESET_TIMEOUT = Duration.ofSeconds(10);

    private final Transport transport;
    private final EventLoop loop;
    private final ProxySettings settings;
    private final int maxIdle;
    private final Duration resetTimeout;
    private final Map<PoolKey, Deque<BackendConnection>> idle = new ConcurrentHashMap<>();
    private int idleCount;

    /**
     * @param loopCount the number of event loops sharing the max_pool x num_init_children budget
     */
    public BackendPool(Transport transport, EventLoop loop, ProxySettings settings, int loopCount) {
        this(transport, loop, settings, loopCount, RESET_TIMEOUT);
    }

    BackendPool(Transport transport, EventLoop loop, ProxySettings settings, int loopCount, Duration resetTimeout) {
        this.resetTimeout = resetTimeout;
        this.transport = transport;
        this.loop = loop;
        this.settings = settings;
        this.maxIdle = Math.max(1, settings.maxPool() * settings.numInitChildren() / Math.max(1, loopCount));
        long sweep = Math.max(1, Math.min(10, settings.pooledIdleLimit().toSeconds()));
        loop.scheduleAtFixedRate(this::closeExpired, sweep, sweep, TimeUnit.SECONDS);
    }

    /** A ready connection for key: a cached one when there is one, else a new one. */
    public CompletableFuture<BackendConnection> acquire(BackendNode node, PoolKey key, BackendCredentials credentials) {
        Deque<BackendConnection> q = idle.get(key);
        while (q != null && !q.isEmpty()) {
            BackendConnection c = q.pollFirst();
            idleCount--;
            if (usable(c)) {
                c.countSession();
                return CompletableFuture.completedFuture(c);
            }
            c.terminate();
        }
        return BackendConnection.open(transport, loop, node, key.startupParameters(), credentials,
                settings.connectTimeout(), settings.maxMessageSize()).thenApply(c -> {
                    c.countSession();
                    return c;
                });
    }

    /**
     * Takes a connection back from a session: resets it and caches it, or closes it when it cannot be reused
     * (closed, mid-query, caching off, worn out).
     *
     * @param clean false when the session stopped in the middle of a request
     */
    public void release(BackendConnection c, PoolKey key, boolean clean) {
        c.receiver(null);
        c.channel().config().setAutoRead(true);   // a session paused it for a slow client: the reset must be read
        if (!clean || !c.isOpen() || !settings.connectionCache() || wornOut(c)) {
            c.terminate();
            return;
        }
        CompletableFuture<Boolean> reset = reset(c, new ArrayList<>(settings.resetQueries()));
        if (!reset.isDone()) {
            Timeouts.failAfter(loop, reset, resetTimeout.toNanos(),
                    () -> new TimeoutException("reset_query_list did not finish within " + resetTimeout.toMillis() + " ms"),
                    () -> {
                        LOG.warn("{}: reset_query_list did not finish within {} ms; the connection is closed, not cached",
                                c, resetTimeout.toMillis());
                        c.channel().close();   // not after a Terminate: a silent backend may not take even that
                    });
        }
        reset.whenComplete((ok, err) -> {
            if (err != null || !ok || c.transactionStatus() != 'I' || !c.isOpen()) {
                c.terminate();
                return;
            }
            c.markIdle();
            idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(c);
            idleCount++;
            trim();
        });
    }

    private CompletableFuture<Boolean> reset(BackendConnection c, List<String> queries) {
        if (queries.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        String q = queries.remove(0);
        return c.query(q).thenCompose(r -> reset(c, queries));
    }

    private boolean usable(BackendConnection c) {
        if (!c.isOpen()) {
            return false;
        }
        long limit = settings.pooledIdleLimit().toNanos();
        return limit == 0 || c.idleNanos() < limit;
    }

    private boolean wornOut(BackendConnection c) {
        int max = settings.childMaxConnections();
        return max > 0 && c.sessionsServed() >= max;
    }

    private void trim() {
        while (idleCount > maxIdle) {
            BackendConnection oldest = null;
            PoolKey oldestKey = null;
            for (Map.Entry<PoolKey, Deque<BackendConnection>> e : idle.entrySet()) {
                BackendConnection last = e.getValue().peekLast();
                if (last != null && (oldest == null || last.idleNanos() > oldest.idleNanos())) {
                    oldest = last;
                    oldestKey = e.getKey();
                }
            }
            if (oldest == null) {
                return;
            }
            idle.get(oldestKey).pollLast();
            idleCount--;
            oldest.terminate();
        }
    }

    private void closeExpired() {
        for (Iterator<Deque<BackendConnection>> it = idle.values().iterator(); it.hasNext();) {
            Deque<BackendConnection> q = it.next();
            for (Iterator<BackendConnection> ci = q.iterator(); ci.hasNext();) {
                BackendConnection c = ci.next();
                if (!usable(c)) {
                    ci.remove();
                    idleCount--;
                    LOG.debug("closing pooled {} after {} s idle", c, TimeUnit.NANOSECONDS.toSeconds(c.idleNanos()));
                    c.terminate();
                }
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Closes every cached connection to a node (it was detached or failed over). */
    public void closeNode(int nodeId) {
        idle.forEach((key, q) -> {
            if (key.nodeId() == nodeId) {
                q.forEach(BackendConnection::terminate);
                idleCount -= q.size();
                q.clear();
            }
        });
    }

    /** Closes every cached connection. */
    public void closeAll() {
        idle.values().forEach(q -> q.forEach(BackendConnection::terminate));
        idle.clear();
        idleCount = 0;
    }

    /** The cached connections, per key, for SHOW pool_pools. */
    public Map<PoolKey, Integer> idleByKey() {
        Map<PoolKey, Integer> m = new HashMap<>();
        idle.forEach((k, q) -> m.put(k, q.size()));
        return m;
    }

    public EventLoop loop() {
        return loop;
    }
}
