package io.raftpool.watchdog.lifecheck;

import io.raftpool.conf.HeartbeatConfig;
import io.raftpool.watchdog.lifecheck.MemberStatus.Liveness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The liveness of each other member, from the heartbeats accepted and the time that passes. Time is given
 * by the caller ({@link System#nanoTime()} values), so the rules can be tested without waiting.
 *
 * <pre>
 *             first heartbeat
 *   WAITING ------------------&gt; ALIVE
 *      |                        |  ^
 *      | silent for longer      |  | a heartbeat
 *      | than the deadtime      v  |
 *      +--------------------&gt;  LOST
 * </pre>
 *
 * A member is silent since its last accepted heartbeat, or since {@link #start} when none has come.
 * Unlike Pgpool-II 4.3, which never declares dead a node it has not heard yet, a member that never
 * sends is reported lost once the deadtime has passed: a member that does not start is not alive.
 * Each transition is logged and reported to the sink, in order, while the table's lock is held.
 */
final class MemberTable {

    private static final Logger LOG = LoggerFactory.getLogger(MemberTable.class);

    /** What became of a heartbeat. */
    enum Outcome {
        /** Newer than any before from that member: counts as a sign of life. */
        ACCEPTED,
        /** The same send time as the last accepted: a copy that came by another path. */
        DUPLICATE,
        /** Older than one already accepted: reordered, replayed, or the sender's clock went back. */
        STALE,
        /** From an id that is not a member. */
        UNKNOWN_MEMBER
    }

    private static final class Member {
        final HeartbeatConfig config;
        Liveness liveness = Liveness.WAITING;
        boolean heard;
        long lastHeardNanos;
        Instant lastHeard;
        long lastSendTime;
        long heartbeats;

        Member(HeartbeatConfig config) {
            this.config = config;
        }
    }

    private final Map<Integer, Member> members = new TreeMap<>();
    private final Duration deadtime;
    private final LifecheckListener sink;
    private long startNanos;
    private boolean started;

    MemberTable(List<HeartbeatConfig> others, Duration deadtime, LifecheckListener sink) {
        for (HeartbeatConfig c : others) {
            members.put(c.id(), new Member(c));
        }
        this.deadtime = deadtime;
        this.sink = sink;
    }

    /** Starts the clock: from now on, a member that stays silent for the deadtime is lost. */
    synchronized void start(long nowNanos) {
        startNanos = nowNanos;
        started = true;
    }

    /** Records a heartbeat (authenticated already) that arrived at {@code nowNanos} / {@code now}. */
    synchronized Outcome heard(HeartbeatPacket packet, long nowNanos, Instant now) {
        Member m = members.get(packet.senderId());
        if (m == null) {
            return Outcome.UNKNOWN_MEMBER;
        }
        if (m.heard && packet.sendTimeMicros() <= m.lastSendTime) {
            return packet.sendTimeMicros() == m.lastSendTime ? Outcome.DUPLICATE : Outcome.STALE;
        }
        m.heard = true;
        m.lastSendTime = packet.sendTimeMicros();
        m.lastHeardNanos = nowNanos;
        m.lastHeard = now;
        m.heartbeats++;
        if (m.liveness != Liveness.ALIVE) {
            moveTo(m, Liveness.ALIVE, m.liveness == Liveness.LOST ? "heartbeats resumed" : "first heartbeat");
        }
        return Outcome.ACCEPTED;
    }

    /** Declares lost every member silent for longer than the deadtime at {@code nowNanos}. */
    synchronized void check(long nowNanos) {
        if (!started) {
            return;
        }
        for (Member m : members.values()) {
            long silentNanos = nowNanos - (m.heard ? m.lastHeardNanos : startNanos);
            if (m.liveness != Liveness.LOST && silentNanos > deadtime.toNanos()) {
                String silent = seconds(silentNanos);
                moveTo(m, Liveness.LOST, m.heard
                        ? "no heartbeat for " + silent + " (wd_heartbeat_deadtime is " + seconds(deadtime.toNanos())
                                + "); last heard at " + m.lastHeard
                        : "no heartbeat since the lifecheck started " + silent + " ago");
            }
        }
    }

    /** Every member, by id. */
    synchronized List<MemberStatus> snapshot() {
        List<MemberStatus> result = new ArrayList<>();
        for (Member m : members.values()) {
            result.add(new MemberStatus(m.config.id(), m.config.hostname(), m.config.port(), m.liveness,
                    m.lastHeard, m.heartbeats));
        }
        return Collections.unmodifiableList(result);
    }

    /** The one transition method: checks the move, logs it, makes it and reports it. */
    private void moveTo(Member m, Liveness to, String reason) {
        Liveness from = m.liveness;
        boolean legal = switch (to) {
            case ALIVE -> from == Liveness.WAITING || from == Liveness.LOST;
            case LOST -> from == Liveness.WAITING || from == Liveness.ALIVE;
            case WAITING -> false;
        };
        if (!legal) {
            throw new IllegalStateException("member " + m.config.id() + ": " + from + " -> " + to);
        }
        m.liveness = to;
        if (to == Liveness.LOST) {
            LOG.warn("watchdog member {} ({}:{}) {} -> LOST: {}", m.config.id(), m.config.hostname(),
                    m.config.port(), from, reason);
            sink.memberLost(m.config.id(), reason);
        } else {
            LOG.info("watchdog member {} ({}:{}) {} -> ALIVE: {}", m.config.id(), m.config.hostname(),
                    m.config.port(), from, reason);
            sink.memberFound(m.config.id());
        }
    }

    private static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
