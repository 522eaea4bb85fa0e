package io.raftpool.consensus;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A Raft group of real {@link RaftNode}s on 127.0.0.1 in one JVM, each member with its own storage. */
final class TestGroup implements AutoCloseable {

    /** Generous: the machines that run these tests are often busy, and a slow fsync is not a lost quorum. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    final Map<Integer, InetSocketAddress> peers = new TreeMap<>();
    final Map<Integer, RaftNode> nodes = new TreeMap<>();
    final Map<Integer, RecordingListener> listeners = new TreeMap<>();
    private final Path root;
    private final long snapshotThreshold;
    private final Duration requestTimeout;

    TestGroup(Path root, int size, long snapshotThreshold) {
        this(root, size, snapshotThreshold, REQUEST_TIMEOUT);
    }

    TestGroup(Path root, int size, long snapshotThreshold, Duration requestTimeout) {
        this.root = root;
        this.snapshotThreshold = snapshotThreshold;
        this.requestTimeout = requestTimeout;
        for (int id = 0; id < size; id++) {
            peers.put(id, new InetSocketAddress("127.0.0.1", freePort()));
        }
    }

    RaftSettings settings(int id) {
        return new RaftSettings(root.resolve("member" + id), id, peers, groupSeed(),
                Duration.ofMillis(300), Duration.ofMillis(600), requestTimeout, snapshotThreshold);
    }

    /** As the caller derives it: from configured strings (an InetSocketAddress's toString changes once resolved). */
    String groupSeed() {
        StringBuilder seed = new StringBuilder("backends=pg0:5432,pg1:5432;members=");
        peers.forEach((id, a) -> seed.append(id).append('=').append(a.getHostString()).append(':').append(a.getPort())
                .append(','));
        return seed.toString();
    }

    RaftNode start(int id) {
        RecordingListener listener = new RecordingListener();
        try {
            RaftNode node = RaftNode.start(settings(id), listener, listener);
            nodes.put(id, node);
            listeners.put(id, listener);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    TestGroup startAll() {
        peers.keySet().forEach(this::start);
        return this;
    }

    void stop(int id) {
        nodes.remove(id).close();
    }

    RaftNode node(int id) {
        return nodes.get(id);
    }

    /** The one running member that is the committed leader, once there is exactly one. */
    int awaitLeader() {
        await("exactly one leader among " + nodes.keySet(),
                () -> nodes.values().stream().filter(RaftNode::isLeader).count() == 1);
        return nodes.entrySet().stream().filter(e -> e.getValue().isLeader()).findFirst().orElseThrow().getKey();
    }

    /** Every running member has applied up to {@code index} and holds the same state. */
    ClusterState awaitSameState(long index) {
        await("all of " + nodes.keySet() + " at index " + index + " with the same state", () -> {
            Optional<ClusterState> first = nodes.values().stream().map(RaftNode::state).findFirst();
            return first.isPresent() && first.get().appliedIndex() >= index
                    && nodes.values().stream().allMatch(n -> n.state().equals(first.get()));
        });
        return nodes.values().iterator().next().state();
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(20), condition);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    static <T> T awaitValue(String what, Supplier<Optional<T>> value) {
        Object[] found = new Object[1];
        await(what, () -> value.get().map(v -> found[0] = v).isPresent());
        @SuppressWarnings("unchecked")
        T t = (T) found[0];
        return t;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        nodes.values().forEach(RaftNode::close);
        nodes.clear();
    }
}
