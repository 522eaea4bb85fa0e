package io.raftpool.watchdog;

import io.raftpool.conf.command.CommandResult;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.conf.command.CommandTemplate;
import io.raftpool.conf.command.Placeholders;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.RaftNode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the delegate IP on the committed leader with a quorum, and nowhere else.
 *
 * <pre>
 *   STANDBY --(leader ready, quorum, Escalate committed)--&gt; wd_escalation_command, if_up_cmd, arping_cmd --&gt; HOLDING
 *   HOLDING --(not leader, quorum lost, shutdown)--&gt; wd_de_escalation_command, if_down_cmd --&gt; STANDBY
 * </pre>
 *
 * A level-triggered loop on a thread of its own compares what should be (leader and quorum) with what is,
 * every {@link #TICK}, so that no missed or reordered leadership event can leave the IP up: the leader's quorum
 * check ({@link QuorumCheck}) finds followers silent before any of them can have been elected, and the IP is
 * released at that moment. A leader that regains its quorum escalates again under its term.
 */
final class Escalator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Escalator.class);
    static final Duration TICK = Duration.ofMillis(25);
    /** How long the delegate IP may take to answer after if_up_cmd (a cloud API call is not instant). */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);

    /** The escalation commands, as pgpool.conf gives them now. */
    record Commands(String escalation, String deEscalation, Duration timeout) {
    }

    private final RaftNode raft;
    private final int self;
    private final QuorumCheck quorum;
    private final DelegateIpControl ip;
    private final java.util.function.Supplier<Commands> commands;
    private final CommandRunner runner;
    private final ClusterEvents events;
    private final java.util.function.BooleanSupplier isolated;
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "raftpool-escalation");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean holding;
    private volatile boolean closed;
    /** The reason the loop last found for not escalating, so that it is logged once, not every tick. */
    private String lastBlocked = "";

    Escalator(RaftNode raft, int self, QuorumCheck quorum, DelegateIpControl ip,
            java.util.function.Supplier<Commands> commands, CommandRunner runner, ClusterEvents events,
            java.util.function.BooleanSupplier isolated) {
        this.isolated = isolated;
        this.raft = raft;
        this.self = self;
        this.quorum = quorum;
        this.ip = ip;
        this.commands = commands;
        this.runner = runner;
        this.events = events;
    }

    /** Releases an IP a previous run left on this host, then starts the loop. */
    Escalator start() {
        if (ip.configured() && ip.heldLocally()) {
            LOG.warn("the delegate IP {} is up on this host although this instance has not escalated (left by an"
                    + " earlier run?): bringing it down", ip.address());
            ip.down();
        }
        loop.scheduleWithFixedDelay(this::reconcile, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Whether this instance holds the delegate IP (or is escalating). */
    boolean holding() {
        return holding;
    }

    /** The leader's commitment is fresh: check at once rather than at the next tick. */
    void leaderReady() {
        loop.execute(this::reconcile);
    }

    private void reconcile() {
        if (closed) {
            return;
        }
        try {
            boolean leader = raft.isLeader();
            boolean cutOff = isolated.getAsBoolean();
            boolean withQuorum = leader && quorum.hasQuorum() && !cutOff;
            if (holding && !withQuorum) {
                deescalate(!leader ? "this instance is no longer the Raft leader"
                        : cutOff ? "none of trusted_servers answers: this instance is isolated"
                        : "the leader lost its quorum (" + quorum.describe() + ")");
            } else if (!holding && withQuorum) {
                escalate(raft.currentTerm());
            } else if (!holding && leader) {
                blocked("leader without a quorum (" + quorum.describe() + "): not escalating");
            }
        } catch (RuntimeException e) {
            LOG.error("the escalation loop failed; it goes on", e);
        }
    }

    private void escalate(long term) {
        try {
            raft.submit(new ClusterCommand.Escalate(self, term, System.currentTimeMillis()))
                    .get(quorum.timeout().toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            blocked("the escalation under term " + term + " was not committed: " + Causes.rootMessage(e));
            return;
        }
        if (!raft.isLeader() || raft.currentTerm() != term || !quorum.hasQuorum()) {
            blocked("leadership or quorum changed while escalating under term " + term);
            return;
        }
        lastBlocked = "";
        holding = true;
        LOG.info("escalating: this instance leads under term {} with a quorum ({})", term, quorum.describe());
        Commands c = commands.get();
        run("wd_escalation_command", c.escalation(), c.timeout());
        if (!raft.isLeader() || !quorum.hasQuorum()) {
            LOG.warn("leadership or quorum lost while wd_escalation_command ran: not bringing the IP up");
            deescalate("lost while escalating");
            return;
        }
        if (ip.configured()) {
            ip.up();
            if (!ip.answers(ANSWER_TIMEOUT)) {
                LOG.warn("if_up_cmd ran but the delegate IP {} does not answer here", ip.address());
            }
        }
        events.publish(ClusterEvents.Kind.ESCALATED, "member " + self + " escalated under term " + term
                + (ip.configured() ? " and holds the delegate IP " + ip.address() : ""), term);
    }

    private void deescalate(String reason) {
        LOG.warn("de-escalating: {}", reason);
        Commands c = commands.get();
        run("wd_de_escalation_command", c.deEscalation(), c.timeout());
        if (ip.configured()) {
            ip.down();
        }
        holding = false;
        events.publish(ClusterEvents.Kind.DE_ESCALATED, "member " + self + " de-escalated: " + reason,
                raft.currentTerm());
    }

    private void run(String name, String command, Duration timeout) {
        if (command.isBlank()) {
            return;
        }
        CommandResult r = runner.run(CommandTemplate.of(name, command), Placeholders.NONE, timeout);
        if (!r.succeeded()) {
            LOG.warn("{} failed: {}", name, r.summary());
        }
    }

    private void blocked(String why) {
        if (!why.equals(lastBlocked)) {
            LOG.info("{}", why);
            lastBlocked = why;
        }
    }

    /** Stops the loop and, if this instance holds the IP, gives it up before returning. */
    @Override
    public void close() {
        closed = true;
        loop.shutdown();
        try {
            if (!loop.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the escalation loop did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (holding) {
            deescalate("this instance is stopping");
        }
    }
}
