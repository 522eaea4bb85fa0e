package io.raftpool.watchdog;

import io.raftpool.conf.BackendConfig;
import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.WatchdogNodeConfig;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.CommandRejectedException;
import io.raftpool.consensus.Member;
import io.raftpool.consensus.MemberStatus;
import io.raftpool.consensus.RaftNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog members in the replicated state: this instance joins (ALIVE, with the fingerprint of the
 * settings every member must share, which the state machine checks), says when it shuts down, and records
 * what the lifecheck finds of the others (LOST after wd_heartbeat_deadtime of silence, ALIVE when heard again).
 */
final class Membership {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final RaftNode raft;
    private final Supplier<Config> config;
    private volatile boolean joined;

    Membership(RaftNode raft, Supplier<Config> config) {
        this.raft = raft;
        this.config = config;
    }

    /** The settings every member must share, by name. Values here are never secrets. */
    static Map<String, String> fingerprint(Config c) {
        Map<String, String> f = new TreeMap<>();
        f.put("use_watchdog", String.valueOf(c.get(Params.USE_WATCHDOG)));
        for (BackendConfig b : c.backends()) {
            f.put("backend_hostname" + b.id(), b.hostname());
            f.put("backend_port" + b.id(), String.valueOf(b.port()));
        }
        for (WatchdogNodeConfig n : c.watchdogNodes()) {
            f.put("hostname" + n.id(), n.hostname());
            f.put("wd_port" + n.id(), String.valueOf(n.wdPort()));
            f.put("pgpool_port" + n.id(), String.valueOf(n.pgpoolPort()));
        }
        f.put("delegate_IP", c.get(Params.DELEGATE_IP));
        f.put("failover_when_quorum_exists", String.valueOf(c.get(Params.FAILOVER_WHEN_QUORUM_EXISTS)));
        f.put("failover_require_consensus", String.valueOf(c.get(Params.FAILOVER_REQUIRE_CONSENSUS)));
        f.put("allow_multiple_failover_requests_from_node",
                String.valueOf(c.get(Params.ALLOW_MULTIPLE_FAILOVER_REQUESTS_FROM_NODE)));
        f.put("enable_consensus_with_half_votes", String.valueOf(c.get(Params.ENABLE_CONSENSUS_WITH_HALF_VOTES)));
        f.put("raft_election_timeout", c.get(Params.RAFT_ELECTION_TIMEOUT).toMillis() + "ms");
        return f;
    }

    /** This instance as a member record. */
    Member self(MemberStatus status) {
        Config c = config.get();
        int id = c.nodeId();
        Optional<WatchdogNodeConfig> n = c.watchdogNodes().stream().filter(w -> w.id() == id).findFirst();
        return new Member(id, n.map(WatchdogNodeConfig::hostname).orElse("localhost"),
                n.map(WatchdogNodeConfig::wdPort).orElse(c.get(Params.WD_PORT, id)),
                n.map(WatchdogNodeConfig::pgpoolPort).orElse(c.get(Params.PORT)), c.get(Params.WD_PRIORITY), status,
                fingerprint(c), Instant.now());
    }

    /**
     * Joins the cluster, waiting up to {@code timeout} for a quorum (a member that starts first waits for the
     * others; {@link #tick} keeps trying after that).
     *
     * @throws IllegalStateException if the cluster refuses this member: its configuration differs
     */
    void join(Duration timeout) {
        try {
            raft.submit(new ClusterCommand.UpsertMember(self(MemberStatus.ALIVE)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            joined = true;
            LOG.info("joined the watchdog cluster as member {}", config.get().nodeId());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CommandRejectedException r) {
                throw new IllegalStateException("the watchdog cluster refuses this member: " + r.getMessage(), r);
            }
            LOG.info("not joined yet ({}); trying again in the background", e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.info("not joined yet: no quorum within {} ms; trying again in the background", timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean joined() {
        return joined;
    }

    /**
     * Called every second or so: joins if not yet joined; on the leader, records followers silent for
     * wd_heartbeat_deadtime as LOST, and LOST ones that answer again as ALIVE.
     */
    void tick(Duration answeredWithin) {
        if (!joined) {
            join(Duration.ofSeconds(2));
            return;
        }
        if (!raft.isLeader()) {
            return;
        }
        Duration deadtime = config.get().get(Params.WD_HEARTBEAT_DEADTIME);
        ClusterState s = raft.state();
        for (Member m : s.members().values()) {
            if (m.id() == config.get().nodeId()) {
                continue;
            }
            Optional<Duration> silence = raft.followerSilence(m.id());
            if (silence.isEmpty()) {
                continue;
            }
            if (m.status() == MemberStatus.ALIVE && silence.get().compareTo(deadtime) > 0) {
                lost(m.id(), "no answer to the leader for " + silence.get().toMillis() + " ms");
            } else if (m.status() == MemberStatus.LOST && silence.get().compareTo(answeredWithin) < 0) {
                found(m.id());
            }
        }
    }

    /** The lifecheck stopped hearing member {@code id}. */
    void lost(int id, String reason) {
        LOG.warn("member {} is lost: {}", id, reason);
        record(id, MemberStatus.LOST);
    }

    /** The lifecheck hears member {@code id} again. */
    void found(int id) {
        record(id, MemberStatus.ALIVE);
    }

    private void record(int id, MemberStatus status) {
        Member m = raft.state().members().get(id);
        if (m == null || m.status() == status || m.status() == MemberStatus.SHUTDOWN && status == MemberStatus.LOST) {
            return;
        }
        raft.submit(new ClusterCommand.UpsertMember(m.withStatus(status, Instant.now()))).whenComplete((s, e) -> {
            if (e != null) {
                LOG.debug("could not record member {} as {}: {}", id, status, e.getMessage());
            }
        });
    }

    /** Records that this instance shuts down (best effort: without a quorum, the others find it lost). */
    void leave(Duration timeout) {
        try {
            raft.submit(new ClusterCommand.UpsertMember(self(MemberStatus.SHUTDOWN)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("could not record the shutdown in the cluster state: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ALIVE member other than this one with the highest wd_priority, to hand leadership to. */
    Optional<Integer> successor() {
        int self = config.get().nodeId();
        return raft.state().members().values().stream()
                .filter(m -> m.id() != self && m.alive() && raft.followerSilence(m.id())
                        .map(s -> s.compareTo(Duration.ofSeconds(1)) < 0).orElse(false))
                .max(java.util.Comparator.comparingInt(Member::priority).thenComparing(m -> -m.id()))
                .map(Member::id);
    }
}
