package io.raftpool.watchdog;

import io.raftpool.conf.Choices.LifecheckMethod;
import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.watchdog.lifecheck.HeartbeatLifecheck;
import io.raftpool.watchdog.lifecheck.LifecheckListener;
import io.raftpool.watchdog.lifecheck.TrustedServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecheck of the other members (UDP heartbeats with wd_lifecheck_method = heartbeat, whose findings go
 * into the replicated state through {@link Membership}) and of this member's own connectivity
 * (trusted_servers, checked every wd_interval). Raft's own traffic is a lifecheck too: the leader records
 * followers silent for wd_heartbeat_deadtime as lost whatever the method.
 */
final class Lifecheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecheck.class);

    private final HeartbeatLifecheck heartbeat;
    private final ScheduledExecutorService trustedLoop;
    private volatile boolean isolated;

    private Lifecheck(HeartbeatLifecheck heartbeat, ScheduledExecutorService trustedLoop) {
        this.heartbeat = heartbeat;
        this.trustedLoop = trustedLoop;
    }

    static Lifecheck start(Config c, Membership membership, CommandRunner runner) {
        HeartbeatLifecheck heartbeat = null;
        LifecheckMethod method = c.get(Params.WD_LIFECHECK_METHOD);
        if (method != LifecheckMethod.HEARTBEAT) {
            LOG.warn("wd_lifecheck_method = {} is not implemented: members are checked through Raft only",
                    method.name().toLowerCase(java.util.Locale.ROOT));
        } else if (c.heartbeats().isEmpty()) {
            LOG.warn("wd_lifecheck_method = heartbeat but no heartbeat_hostnameN is set: members are checked"
                    + " through Raft only");
        } else {
            heartbeat = new HeartbeatLifecheck(c, new LifecheckListener() {
                @Override
                public void memberLost(int id, String reason) {
                    membership.lost(id, reason);
                }

                @Override
                public void memberFound(int id) {
                    membership.found(id);
                }
            });
            try {
                heartbeat.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        TrustedServers trusted = new TrustedServers(c, runner.quiet(), Duration.ofSeconds(30));
        ScheduledExecutorService loop = null;
        Lifecheck lifecheck;
        if (trusted.configured()) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "raftpool-trusted-servers");
                t.setDaemon(true);
                return t;
            });
            lifecheck = new Lifecheck(heartbeat, loop);
            long period = Math.max(1000, c.get(Params.WD_INTERVAL).toMillis());
            loop.scheduleWithFixedDelay(() -> lifecheck.checkTrusted(trusted), 0, period, TimeUnit.MILLISECONDS);
        } else {
            lifecheck = new Lifecheck(heartbeat, null);
        }
        return lifecheck;
    }

    private void checkTrusted(TrustedServers trusted) {
        boolean reachable = trusted.reachable();
        if (reachable == isolated) {
            LOG.warn(reachable ? "trusted_servers answer again: this instance is no longer isolated"
                    : "none of trusted_servers {} answers: this instance considers itself isolated", trusted.servers());
        }
        isolated = !reachable;
    }

    /** Whether none of trusted_servers answered at the last check. */
    boolean isolated() {
        return isolated;
    }

    @Override
    public void close() {
        if (heartbeat != null) {
            heartbeat.close();
        }
        if (trustedLoop != null) {
            trustedLoop.shutdownNow();
        }
    }
}
