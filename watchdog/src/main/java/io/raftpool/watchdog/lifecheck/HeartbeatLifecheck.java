package io.raftpool.watchdog.lifecheck;

import io.raftpool.conf.Config;
import io.raftpool.conf.HeartbeatConfig;
import io.raftpool.conf.Params;
import io.raftpool.watchdog.lifecheck.HeartbeatPacket.Rejected;
import io.raftpool.watchdog.lifecheck.HeartbeatPacket.Rejection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat lifecheck (wd_lifecheck_method = heartbeat): this member sends a heartbeat datagram to every
 * other member every wd_heartbeat_keepalive, listens for theirs, and reports a member lost when none of its
 * heartbeats has arrived for longer than wd_heartbeat_deadtime, and found again when they resume.
 *
 * <p>Members are the heartbeat_hostnameN / heartbeat_portN entries of the configuration; this instance is
 * entry pgpool_node_id, whose heartbeat_port it listens on. As in Pgpool-II:
 * <ul>
 * <li>it listens on the wildcard address, not on its own heartbeat_hostname: that may list several
 * addresses (separated by {@code ;}) or a name only peers can resolve, and what identifies a sender is the
 * node id inside the (authenticated) heartbeat, not the address it came from;</li>
 * <li>heartbeat_hostnameN may list several addresses separated by {@code ;}; each gets every heartbeat, and
 * one arriving by any path keeps the member alive;</li>
 * <li>with wd_authkey set, a heartbeat must carry an HMAC-SHA256 keyed by it, else it is refused; without
 * wd_authkey, any well-formed heartbeat is accepted.</li>
 * </ul>
 * heartbeat_deviceN is not applied: binding a socket to a device (SO_BINDTODEVICE) is not available to Java;
 * heartbeats follow the routing table, and a warning says so once at start.
 *
 * <p>The format of a heartbeat is raftpool's own (see {@code HeartbeatPacket}); a heartbeat is accepted
 * only when its send time is later than that of the last one accepted from its sender, so a replayed or
 * reordered one does not count. Datagrams that are not valid heartbeats are counted and dropped, with a
 * warning naming the source address, at most one per kind of problem and wd_heartbeat_deadtime.
 *
 * <p>Threads: one reads the socket and only decodes and records; a timer sends heartbeats and checks the
 * deadtime; the {@link LifecheckListener} is called from a third, one call at a time.
 *
 * <pre>
 *   NEW --start()--&gt; RUNNING --close()--&gt; CLOSED
 *    |                                     ^
 *    +-------------close()-----------------+
 * </pre>
 */
public final class HeartbeatLifecheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatLifecheck.class);

    private enum State { NEW, RUNNING, CLOSED }

    /** Where heartbeats for one member go: one of its heartbeat_hostname addresses. */
    private record Destination(int memberId, String host, int port) {
    }

    private final int selfId;
    private final int port;
    private final byte[] authKey;
    private final Duration keepalive;
    private final Duration deadtime;
    private final LifecheckListener listener;
    private final List<Destination> destinations = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private final MemberTable table;
    private final RateLimitedLog warnings;

    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder stale = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    private State state = State.NEW;
    /** Set by close(): listener calls still queued are dropped. */
    private volatile boolean closed;
    private DatagramChannel channel;
    private Thread receiver;
    private ScheduledExecutorService timer;
    private ExecutorService events;
    private long startNanos;
    private long startEpochMicros;
    private long sequence;

    /**
     * A lifecheck configured by pgpool_node_id, heartbeat_hostnameN, heartbeat_portN, heartbeat_deviceN,
     * wd_heartbeat_keepalive, wd_heartbeat_deadtime and wd_authkey. Nothing happens before {@link #start()}.
     *
     * @throws IllegalArgumentException when a member has a heartbeat entry without heartbeat_hostname
     */
    public HeartbeatLifecheck(Config config, LifecheckListener listener) {
        this(config, config.get(Params.WD_HEARTBEAT_KEEPALIVE), config.get(Params.WD_HEARTBEAT_DEADTIME),
                listener);
    }

    /** For tests: the configuration's members with other timings (pgpool.conf allows whole seconds only). */
    HeartbeatLifecheck(Config config, Duration keepalive, Duration deadtime, LifecheckListener listener) {
        if (keepalive.isZero() || keepalive.isNegative() || deadtime.isZero() || deadtime.isNegative()) {
            throw new IllegalArgumentException("keepalive and deadtime must be positive");
        }
        this.selfId = config.nodeId();
        this.port = config.get(Params.HEARTBEAT_PORT, selfId);
        this.authKey = config.get(Params.WD_AUTHKEY).getBytes(StandardCharsets.UTF_8);
        this.keepalive = keepalive;
        this.deadtime = deadtime;
        this.listener = Objects.requireNonNull(listener);
        List<HeartbeatConfig> others = new ArrayList<>();
        for (HeartbeatConfig hb : config.heartbeats()) {
            if (!hb.device().isBlank()) {
                devices.add("heartbeat_device" + hb.id() + " = '" + hb.device() + "'");
            }
            if (hb.id() == selfId) {
                continue;
            }
            List<String> hosts = split(hb.hostname());
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("heartbeat_hostname" + hb.id() + " is not set, but other "
                        + "heartbeat settings of node " + hb.id() + " are: where should its heartbeats go?");
            }
            hosts.forEach(h -> destinations.add(new Destination(hb.id(), h, hb.port())));
            others.add(hb);
        }
        this.table = new MemberTable(others, deadtime, new Deferred());
        this.warnings = new RateLimitedLog(LOG, deadtime);
        if (deadtime.compareTo(keepalive) <= 0) {
            LOG.warn("wd_heartbeat_deadtime ({} ms) is not longer than wd_heartbeat_keepalive ({} ms): members "
                    + "will be reported lost between two heartbeats", deadtime.toMillis(), keepalive.toMillis());
        }
    }

    private static List<String> split(String hostnames) {
        return Arrays.stream(hostnames.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * Binds heartbeat_port (of this node) on the wildcard address and starts sending, receiving and checking.
     *
     * @throws IOException           when the port cannot be bound (the message names it)
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("heartbeat lifecheck is " + state);
        }
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot listen for heartbeats on UDP port " + port + " (heartbeat_port" + selfId
                    + "): " + e.getMessage(), e);
        }
        channel = ch;
        startNanos = System.nanoTime();
        startEpochMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        events = Executors.newSingleThreadExecutor(r -> daemon(r, "lifecheck-events-" + selfId));
        timer = Executors.newScheduledThreadPool(2, r -> daemon(r, "heartbeat-timer-" + selfId));
        receiver = daemon(this::receiveLoop, "heartbeat-receiver-" + selfId);
        table.start(startNanos);
        state = State.RUNNING;
        receiver.start();
        timer.scheduleAtFixedRate(guarded(this::sendRound, "sending heartbeats"), 0, keepalive.toNanos(),
                TimeUnit.NANOSECONDS);
        long checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.SECONDS.toNanos(1), deadtime.toNanos() / 10));
        timer.scheduleAtFixedRate(guarded(() -> table.check(System.nanoTime()), "checking the deadtime"),
                checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        LOG.info("heartbeat lifecheck of node {} listening on UDP port {}, sending to {} every {} ms; "
                + "deadtime {} ms; {}", selfId, port, destinations.stream().map(d -> d.host() + ":" + d.port())
                        .toList(), keepalive.toMillis(), deadtime.toMillis(),
                authKey.length > 0 ? "heartbeats authenticated with wd_authkey" : "wd_authkey is empty: "
                        + "heartbeats are not authenticated");
        if (!devices.isEmpty()) {
            LOG.warn("{} not applied: Java cannot bind a socket to a network device (SO_BINDTODEVICE); "
                    + "heartbeats follow the routing table", String.join(", ", devices));
        }
    }

    /** The UDP port this member listens on (heartbeat_port of pgpool_node_id). */
    public int port() {
        return port;
    }

    /** Every other member, by id, with what the lifecheck knows of it now. */
    public List<MemberStatus> members() {
        return table.snapshot();
    }

    /** When the last valid heartbeat from each member arrived, for the members heard at least once. */
    public Map<Integer, Instant> lastHeard() {
        Map<Integer, Instant> result = new TreeMap<>();
        for (MemberStatus m : table.snapshot()) {
            if (m.lastHeard() != null) {
                result.put(m.id(), m.lastHeard());
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** Heartbeats accepted as signs of life. */
    public long acceptedPackets() {
        return accepted.sum();
    }

    /**
     * Datagrams refused: not heartbeats, malformed, of another version, failing authentication, or from an
     * id that is not another member.
     */
    public long rejectedPackets() {
        return rejected.sum();
    }

    /** Copies of a heartbeat already accepted, come by another of the member's addresses. */
    long duplicatePackets() {
        return duplicates.sum();
    }

    /** Valid heartbeats ignored because one sent later by the same member was already accepted. */
    public long stalePackets() {
        return stale.sum();
    }

    /**
     * Stops sending and checking, and releases the port before returning. No listener call starts after
     * this returns. Safe to call more than once, and from a listener.
     */
    @Override
    public void close() {
        Thread reader;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            boolean running = state == State.RUNNING;
            state = State.CLOSED;
            closed = true;
            if (!running) {
                return;
            }
            timer.shutdownNow();
            // Not shutdownNow(): a listener call under way is not interrupted; queued ones see `closed`.
            events.shutdown();
            try {
                // Wakes the receiver; returns once no thread is in receive() and the socket is closed.
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing the heartbeat socket: {}", e.toString());
            }
            reader = receiver;
        }
        if (reader != Thread.currentThread()) {
            try {
                reader.join(deadtime.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("heartbeat lifecheck of node {} stopped", selfId);
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(HeartbeatPacket.MAX_LENGTH + 1);
        while (true) {
            buffer.clear();
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                warnings.warn("receive", "receiving heartbeats on port " + port + " failed: " + e);
                pause(); // keeps a persistent error from spinning this thread
                continue;
            }
            buffer.flip();
            try {
                handle(buffer, from, System.nanoTime());
            } catch (RuntimeException e) {
                rejected.increment();
                LOG.warn("unexpected error handling a datagram from {}", from, e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(Math.min(keepalive.toMillis(), 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(ByteBuffer datagram, SocketAddress from, long nowNanos) {
        HeartbeatPacket packet;
        try {
            packet = HeartbeatPacket.decode(datagram, authKey);
        } catch (Rejected e) {
            reject(e.reason(), from, e.getMessage());
            return;
        }
        if (packet.senderId() == selfId) {
            reject(Rejection.OWN_ID, from, Rejection.OWN_ID.description());
            return;
        }
        switch (table.heard(packet, nowNanos, Instant.now())) {
            case ACCEPTED -> accepted.increment();
            case DUPLICATE -> duplicates.increment();
            case STALE -> {
                stale.increment();
                warnings.warn("stale-" + packet.senderId(), "ignored a heartbeat of member " + packet.senderId()
                        + " from " + from + " sent before one already accepted (reordered, replayed, or its clock "
                        + "went back when it restarted)");
            }
            case UNKNOWN_MEMBER -> reject(Rejection.UNKNOWN_MEMBER, from,
                    Rejection.UNKNOWN_MEMBER.description() + ": " + packet.senderId());
        }
    }

    private void reject(Rejection reason, SocketAddress from, String detail) {
        rejected.increment();
        warnings.warn(reason.name(), "refused a datagram from " + from + " on heartbeat port " + port + ": " + detail);
    }

    private void sendRound() {
        long micros = startEpochMicros + (System.nanoTime() - startNanos) / 1000;
        ByteBuffer datagram = ByteBuffer.wrap(new HeartbeatPacket(selfId, ++sequence, micros).encode(authKey));
        for (Destination d : destinations) {
            try {
                channel.send(datagram.rewind(), new InetSocketAddress(InetAddress.getByName(d.host()), d.port()));
            } catch (ClosedChannelException e) {
                return;
            } catch (UnknownHostException e) {
                warnings.warn("resolve-" + d, "cannot send heartbeats to member " + d.memberId() + ": cannot resolve "
                        + "heartbeat_hostname" + d.memberId() + " '" + d.host() + "'");
            } catch (IOException e) {
                warnings.warn("send-" + d, "cannot send a heartbeat to member " + d.memberId() + " at " + d.host()
                        + ":" + d.port() + ": " + e);
            }
        }
    }

    /** A periodic task that survives its own failures (an exception would cancel its schedule). */
    private static Runnable guarded(Runnable task, String what) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("heartbeat lifecheck: unexpected error {}", what, e);
            }
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Hands the table's transitions to the listener's thread, in order, never running it on the caller's. */
    private final class Deferred implements LifecheckListener {
        @Override
        public void memberLost(int id, String reason) {
            defer(() -> listener.memberLost(id, reason));
        }

        @Override
        public void memberFound(int id) {
            defer(() -> listener.memberFound(id));
        }

        private void defer(Runnable call) {
            try {
                events.execute(() -> {
                    if (closed) {
                        return;
                    }
                    try {
                        call.run();
                    } catch (RuntimeException e) {
                        LOG.warn("lifecheck listener failed", e);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.debug("lifecheck closed; a member event was dropped");
            }
        }
    }
}
