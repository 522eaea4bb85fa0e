package io.raftpool.watchdog;

import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.LoadResult;
import io.raftpool.conf.ReloadPlan;
import io.raftpool.consensus.RaftNode;
import io.raftpool.proxy.ProxyServer;
import io.raftpool.proxy.clientauth.PoolClientAuthentication;
import io.raftpool.proxy.health.HealthChecker;
import io.raftpool.watchdog.admin.AdminException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reload (pcp_reload_config, SIGHUP): pgpool.conf, pool_hba.conf and pool_passwd are read again and, when
 * all are valid, what may change at run time takes effect: new sessions use the new settings and
 * authentication, the health check its new values, failover its new commands, routing the new weights.
 * Changes to parameters whose context is "restart" are reported and wait for a restart. An invalid file
 * changes nothing.
 */
final class Reloader {

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final AtomicReference<Config> config;
    private final AtomicReference<PoolClientAuthentication> auth;
    private final Function<Config, PoolClientAuthentication> authFor;
    private final ProxyServer proxy;
    private final HealthChecker health;
    private final ViewBridge bridge;
    private final RaftNode raft;

    Reloader(AtomicReference<Config> config, AtomicReference<PoolClientAuthentication> auth,
            Function<Config, PoolClientAuthentication> authFor, ProxyServer proxy, HealthChecker health,
            ViewBridge bridge, RaftNode raft) {
        this.config = config;
        this.auth = auth;
        this.authFor = authFor;
        this.proxy = proxy;
        this.health = health;
        this.bridge = bridge;
        this.raft = raft;
    }

    /** Reloads; returns what changed, or throws an AdminException naming every error. */
    synchronized String reload() {
        Config old = config.get();
        LoadResult loaded = ConfigLoader.load(old.file());
        if (!loaded.ok()) {
            throw new AdminException(AdminException.Kind.INVALID, "nothing reloaded: "
                    + loaded.errors().stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        Config edited = loaded.config();
        Config next = edited.asReloadOf(old);
        PoolClientAuthentication nextAuth;
        try {
            nextAuth = authFor.apply(next);
        } catch (IllegalArgumentException e) {
            throw new AdminException(AdminException.Kind.INVALID, "nothing reloaded: " + e.getMessage());
        }
        ReloadPlan plan = old.reloadTo(edited);
        config.set(next);
        auth.set(nextAuth);
        proxy.context().reload(next, nextAuth);
        health.reload(next);
        bridge.apply(raft.state());
        List<ReloadPlan.Change> now = plan.appliedNow();
        List<ReloadPlan.Change> later = plan.needRestart();
        now.forEach(c -> LOG.info("reload: {}", c));
        later.forEach(c -> LOG.warn("reload: {} needs a restart to take effect", c));
        return "reloaded pgpool.conf, pool_hba.conf and pool_passwd; " + now.size() + " change(s) in effect"
                + (now.isEmpty() ? "" : ": " + now) + (later.isEmpty() ? ""
                : "; needing a restart: " + later);
    }
}
