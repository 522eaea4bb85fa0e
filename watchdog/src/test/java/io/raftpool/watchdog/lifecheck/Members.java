package io.raftpool.watchdog.lifecheck;

import static org.junit.jupiter.api.Assertions.fail;

import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Configurations of watchdog members on this host, a recording listener, and waiting on a deadline. */
final class Members {

    private Members() {
    }

    /** {@code n} UDP ports that were free a moment ago. */
    static int[] freeUdpPorts(int n) throws IOException {
        List<DatagramSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("0.0.0.0"));
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            sockets.forEach(DatagramSocket::close);
        }
    }

    /**
     * The configuration of member {@code self} of a cluster whose members listen on 127.0.0.1 at
     * {@code ports[id]}: a pgpool.conf and a pgpool_node_id file in a directory of its own under {@code root}.
     */
    static Config config(Path root, int self, int[] ports, String... extraLines) throws IOException {
        Path dir = Files.createDirectories(root.resolve("member" + self + "-" + System.nanoTime()));
        List<String> lines = new ArrayList<>();
        for (int id = 0; id < ports.length; id++) {
            lines.add("heartbeat_hostname" + id + " = '127.0.0.1'");
            lines.add("heartbeat_port" + id + " = " + ports[id]);
        }
        lines.addAll(List.of(extraLines));
        Files.write(dir.resolve("pgpool.conf"), lines);
        Files.writeString(dir.resolve(ConfigLoader.NODE_ID_FILE), self + "\n");
        return ConfigLoader.load(dir.resolve("pgpool.conf")).orThrow();
    }

    /** Waits, polling, until {@code condition} holds; fails the test at the deadline. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    /** A listener that records every call, when it came and on which thread. */
    static final class Recorder implements LifecheckListener {
        record Event(String text, long nanos, String thread) {
        }

        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public void memberLost(int id, String reason) {
            events.add(new Event("lost " + id, System.nanoTime(), Thread.currentThread().getName()));
        }

        @Override
        public void memberFound(int id) {
            events.add(new Event("found " + id, System.nanoTime(), Thread.currentThread().getName()));
        }

        List<String> texts() {
            return events.stream().map(Event::text).toList();
        }

        long count(String text) {
            return events.stream().filter(e -> e.text().equals(text)).count();
        }
    }
}
