package io.raftpool.watchdog;

import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.WatchdogNodeConfig;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.consensus.RaftNode;
import io.raftpool.vip.DelegateIp;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watchdog of a use_watchdog = on instance: the leader's quorum check and escalation (delegate IP),
 * this member's record in the cluster state, the lifecheck of the others, and leadership handed over on a
 * clean stop.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final RaftNode raft;
    private final Supplier<Config> config;
    private final QuorumCheck quorum;
    private final Escalator escalator;
    private final Membership membership;
    private final ClusterEvents events;
    private final Lifecheck lifecheck;
    private volatile Optional<Integer> lastLeader = Optional.empty();

    private Watchdog(RaftNode raft, Supplier<Config> config, QuorumCheck quorum, Escalator escalator,
            Membership membership, ClusterEvents events, Lifecheck lifecheck) {
        this.lifecheck = lifecheck;
        this.raft = raft;
        this.config = config;
        this.quorum = quorum;
        this.escalator = escalator;
        this.membership = membership;
        this.events = events;
    }

    /**
     * Joins the cluster and starts the escalation loop.
     *
     * @throws IllegalStateException if the cluster refuses this member (its configuration differs)
     */
    static Watchdog start(Supplier<Config> config, RaftNode raft, ClusterEvents events, CommandRunner runner) {
        Config c = config.get();
        Set<Integer> members = c.watchdogNodes().stream().map(WatchdogNodeConfig::id).collect(Collectors.toSet());
        QuorumCheck quorum = new QuorumCheck(raft, c.nodeId(), members, quorumTimeout(c));
        Duration commandTimeout = Duration.ofSeconds(60);
        DelegateIp vip = new DelegateIp(c, runner, commandTimeout);
        Membership membership = new Membership(raft, config);
        membership.join(Duration.ofSeconds(5));
        Lifecheck lifecheck = Lifecheck.start(c, membership, runner);
        Escalator escalator = new Escalator(raft, c.nodeId(), quorum, control(vip, proxyPortOnVip(c)),
                () -> new Escalator.Commands(
                config.get().get(Params.WD_ESCALATION_COMMAND), config.get().get(Params.WD_DE_ESCALATION_COMMAND),
                commandTimeout), runner, events, lifecheck::isolated);
        LOG.info("watchdog member {} of {}: quorum is {} members; a leader without answers from a quorum for {} ms"
                + " gives the delegate IP {} up", c.nodeId(), members, quorum.needed(), quorum.timeout().toMillis(),
                vip.configured() ? vip.address() : "(none: delegate_IP is not set)");
        return new Watchdog(raft, config, quorum, escalator.start(), membership, events, lifecheck);
    }

    /** Three quarters of the shortest election timeout: see {@link QuorumCheck}. */
    static Duration quorumTimeout(Config c) {
        return c.get(Params.RAFT_ELECTION_TIMEOUT).multipliedBy(3).dividedBy(4);
    }

    /** The proxy port when the proxy listens on the delegate IP (listen_addresses '*' or naming it), else 0. */
    static int proxyPortOnVip(Config c) {
        String vip = c.get(Params.DELEGATE_IP);
        for (String a : c.get(Params.LISTEN_ADDRESSES).split(",")) {
            String address = a.strip();
            if (!vip.isEmpty() && (address.equals("*") || address.equals(vip))) {
                return c.get(Params.PORT);
            }
        }
        return 0;
    }

    private static DelegateIpControl control(DelegateIp vip, int proxyPort) {
        return new DelegateIpControl() {
            @Override
            public boolean configured() {
                return vip.configured();
            }

            @Override
            public String address() {
                return vip.address();
            }

            @Override
            public void up() {
                vip.up();
            }

            @Override
            public void down() {
                vip.down();
            }

            @Override
            public boolean heldLocally() {
                return vip.isHeldLocally();
            }

            @Override
            public boolean answers(Duration timeout) {
                return vip.answers(proxyPort, timeout);
            }
        };
    }

    void leaderReady() {
        escalator.leaderReady();
    }

    /** Called every 100 ms: leader changes become events; every 10th call, the membership is checked. */
    void tick(long count) {
        Optional<Integer> leader = raft.leaderId();
        if (!leader.equals(lastLeader)) {
            lastLeader = leader;
            events.publish(ClusterEvents.Kind.LEADER_CHANGED, leader.map(id -> "member " + id + " leads")
                    .orElse("no leader"), raft.currentTerm());
        }
        if (count % 10 == 0) {
            membership.tick(quorum.timeout());
        }
    }

    boolean escalated() {
        return escalator.holding();
    }

    QuorumCheck quorum() {
        return quorum;
    }

    boolean joined() {
        return membership.joined();
    }

    /**
     * Gives the IP up, records the shutdown, and hands leadership to the live member with the highest
     * wd_priority so that the cluster does not wait for an election timeout.
     */
    @Override
    public void close() {
        escalator.close();
        lifecheck.close();
        boolean leader = raft.isLeader();
        Optional<Integer> successor = leader ? membership.successor() : Optional.empty();
        membership.leave(Duration.ofSeconds(2));
        successor.ifPresent(id -> {
            try {
                raft.transferLeadership(id, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS);
                LOG.info("handed the leadership to member {}", id);
            } catch (Exception e) {
                LOG.info("could not hand the leadership to member {} ({}); the others will elect", id, e.toString());
            }
        });
    }
}
