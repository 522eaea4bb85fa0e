package io.raftpool.proxy.session;

import io.netty.channel.EventLoop;
import io.raftpool.conf.Config;
import io.raftpool.proxy.BackendViewHolder;
import io.raftpool.proxy.NodeStats;
import io.raftpool.proxy.ProxySettings;
import io.raftpool.proxy.ReplicationState;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.health.HealthObserver;
import io.raftpool.proxy.pool.BackendPool;
import io.raftpool.proxy.route.StatementClassifier;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.time.Instant;
import javax.net.ssl.SSLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What every session of a proxy shares: settings, the backend view, the pools (one per event loop), the
 * session registry, client authentication and statistics.
 */
public final class ProxyContext {

    private volatile Config config;
    private volatile ProxySettings settings;
    private final Transport transport;
    private final ReplicationState replication;
    private final BackendViewHolder view;
    private final SessionRegistry sessions;
    private volatile ClientAuthentication authentication;
    private volatile StatementClassifier classifier;
    private final NodeStats stats = new NodeStats();
    private final Map<EventLoop, BackendPool> pools = new ConcurrentHashMap<>();
    private final Function<EventLoop, BackendPool> poolFactory;
    private final Instant startedAt = Instant.now();
    private final SslContext sslContext;
    private volatile HealthObserver healthObserver = HealthObserver.NONE;

    public ProxyContext(Config config, Transport transport, BackendViewHolder view, ReplicationState replication,
            ClientAuthentication authentication, int eventLoops) {
        this.config = config;
        this.replication = replication;
        ProxySettings settings = ProxySettings.from(config);
        this.settings = settings;
        this.transport = transport;
        this.view = view;
        this.authentication = authentication;
        this.sessions = new SessionRegistry(settings.sessionLimit(), settings.reservedConnections() > 0);
        this.classifier = new StatementClassifier(settings.writeFunctions(), settings.readOnlyFunctions(),
                settings.primaryRoutingPatterns(), settings.allowSqlComments());
        this.poolFactory = loop -> new BackendPool(transport, loop, settings, eventLoops);
        this.sslContext = settings.ssl() ? serverSslContext(settings) : null;
    }

    private static SslContext serverSslContext(ProxySettings s) {
        if (s.sslCert().isEmpty() || s.sslKey().isEmpty()) {
            throw new IllegalArgumentException("ssl = on needs ssl_cert and ssl_key");
        }
        try {
            return SslContextBuilder.forServer(new File(s.sslCert()), new File(s.sslKey())).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use ssl_cert \"" + s.sslCert() + "\" and ssl_key \""
                    + s.sslKey() + "\": " + e.getMessage()
                    + " (the key must be an unencrypted PEM private key in PKCS#8 form)", e);
        }
    }

    /**
     * Reload: sessions that start from now on use the new settings, pool_hba.conf and pool_passwd.
     *
     * @param newConfig the configuration as reloaded ({@link Config#asReloadOf}): parameters that need a restart
     *                  (ports, num_init_children, pool sizes, load_balance_mode, ssl) still have their running values
     */
    public void reload(Config newConfig, ClientAuthentication newAuthentication) {
        ProxySettings s = ProxySettings.from(newConfig);
        this.classifier = new StatementClassifier(s.writeFunctions(), s.readOnlyFunctions(),
                s.primaryRoutingPatterns(), s.allowSqlComments());
        this.authentication = newAuthentication;
        this.settings = s;
        this.config = newConfig;
    }

    /** Who hears of backend errors sessions run into (failover_on_backend_error / _shutdown). */
    public void healthObserver(HealthObserver observer) {
        this.healthObserver = observer;
    }

    HealthObserver healthObserver() {
        return healthObserver;
    }

    /** The TLS context for clients when ssl = on, else null. */
    SslContext sslContext() {
        return sslContext;
    }

    public Config config() {
        return config;
    }

    public ReplicationState replication() {
        return replication;
    }

    public ProxySettings settings() {
        return settings;
    }

    public Transport transport() {
        return transport;
    }

    public BackendViewHolder view() {
        return view;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    ClientAuthentication authentication() {
        return authentication;
    }

    StatementClassifier classifier() {
        return classifier;
    }

    public NodeStats stats() {
        return stats;
    }

    /** The pool of the given event loop. */
    public BackendPool pool(EventLoop loop) {
        return pools.computeIfAbsent(loop, poolFactory);
    }

    public Map<EventLoop, BackendPool> pools() {
        return pools;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
