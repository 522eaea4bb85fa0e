package io.raftpool.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.channel.EventLoopGroup;
import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.LoadResult;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The streaming-replication check against nodes that refuse connections, as a stopped PostgreSQL does
 * after a failover: what SHOW pool_nodes' pg_status and pg_role come from must follow, and every round
 * must end, whatever goes wrong inside it.
 */
class ReplicationMonitorTest {

    private final Transport transport = Transport.best();
    private EventLoopGroup group;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger monitorLogger = (Logger) LoggerFactory.getLogger(ReplicationMonitor.class);

    @BeforeEach
    void setUp() {
        group = transport.eventLoopGroup(1, "test-monitor");
        log.start();
        monitorLogger.addAppender(log);
    }

    @AfterEach
    void tearDown() {
        monitorLogger.detachAppender(log);
        group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** A local TCP port nobody listens on: connecting to it is refused at once. */
    private static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static BackendNode node(int id, int port, BackendRole role) {
        return new BackendNode(id, "127.0.0.1", port, 1, BackendStatus.UP, role, Instant.now());
    }

    private ReplicationMonitor monitor(BackendViewHolder view, ReplicationState state,
            Supplier<ProxySettings> settings) {
        return new ReplicationMonitor(transport, group.next(), settings, view, state,
                PasswordSource.CONFIGURED_ONLY, Map.of(0, "node0", 1, "node1"));
    }

    private List<String> warnings() {
        List<String> w = new ArrayList<>();
        for (ILoggingEvent e : log.list) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                w.add(e.getFormattedMessage());
            }
        }
        return w;
    }

    @Test
    void nodesThatStoppedAnsweringAreShownDownAndTheRoundEnds() throws Exception {
        BackendViewHolder view = new BackendViewHolder(new BackendView(List.of(
                node(0, refusedPort(), BackendRole.PRIMARY), node(1, refusedPort(), BackendRole.STANDBY))));
        ReplicationState state = new ReplicationState();
        // what an earlier check found while both nodes ran
        state.put(0, new ReplicationState.NodeReplication(true, true, 0, "", ""));
        state.put(1, new ReplicationState.NodeReplication(true, false, 0, "streaming", "async"));
        ProxySettings settings = ProxySettings.from(Config.defaults());

        monitor(view, state, () -> settings).checkOnce().get(10, TimeUnit.SECONDS);

        assertEquals(ReplicationState.NodeReplication.UNKNOWN, state.get(0), "pg_status down, pg_role unknown");
        assertEquals(ReplicationState.NodeReplication.UNKNOWN, state.get(1), "pg_status down, pg_role unknown");
    }

    @Test
    void aNodeThatStaysDownIsLoggedOnceNotEveryRound() throws Exception {
        int port = refusedPort();
        BackendViewHolder view = new BackendViewHolder(new BackendView(List.of(node(0, port, BackendRole.PRIMARY))));
        ProxySettings settings = ProxySettings.from(Config.defaults());
        ReplicationMonitor monitor = monitor(view, new ReplicationState(), () -> settings);

        for (int i = 0; i < 3; i++) {
            monitor.checkOnce().get(10, TimeUnit.SECONDS);
        }

        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("node 0") && warnings.get(0).contains(String.valueOf(port)),
                warnings.toString());
    }

    @Test
    void aFailureInsideTheCheckEndsTheRoundAndIsLoggedOnce() throws Exception {
        BackendViewHolder view = new BackendViewHolder(new BackendView(List.of(
                node(0, refusedPort(), BackendRole.PRIMARY))));
        ReplicationMonitor monitor = monitor(view, new ReplicationState(), () -> {
            throw new IllegalStateException("settings are being replaced");
        });

        for (int i = 0; i < 3; i++) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> monitor.checkOnce().get(10, TimeUnit.SECONDS));
            assertTrue(String.valueOf(e.getCause()).contains("settings are being replaced"), e.toString());
        }

        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("settings are being replaced"), warnings.toString());
    }

    /** connect_timeout in milliseconds, everything else default. */
    private static ProxySettings connectTimeout(Path dir, int millis) throws IOException {
        Path conf = dir.resolve("pgpool.conf");
        Files.writeString(conf, "connect_timeout = " + millis + "\n");
        LoadResult loaded = ConfigLoader.load(conf);
        assertTrue(loaded.ok(), loaded.problems().toString());
        return ProxySettings.from(loaded.config());
    }

    /**
     * A stopped postmaster (SIGSTOP): the kernel still accepts the TCP connection, but nobody answers the
     * startup packet. The round, and a failover's question whether the node is in recovery, must still end.
     */
    @Test
    void aNodeThatAcceptsButNeverAnswersEndsTheRoundAtConnectTimeout(@TempDir Path dir) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            BackendNode node = node(0, silent.getLocalPort(), BackendRole.PRIMARY);
            BackendViewHolder view = new BackendViewHolder(new BackendView(List.of(node)));
            ReplicationState state = new ReplicationState();
            state.put(0, new ReplicationState.NodeReplication(true, true, 0, "", ""));
            ProxySettings settings = connectTimeout(dir, 300);
            ReplicationMonitor monitor = monitor(view, state, () -> settings);

            monitor.checkOnce().get(10, TimeUnit.SECONDS);

            assertEquals(ReplicationState.NodeReplication.UNKNOWN, state.get(0));
            assertEquals(Optional.empty(), monitor.inRecovery(node).get(10, TimeUnit.SECONDS));
            assertTrue(warnings().toString().contains("did not finish its startup within 300 ms (connect_timeout)"),
                    warnings().toString());
        }
    }

    /** A node that starts sessions but never answers a query (a hung standby): the check gives up on it. */
    @Test
    void aNodeThatNeverAnswersTheQueryEndsTheRound(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> backendSaw = new CompletableFuture<>();
            Thread backend = new Thread(() -> startsButNeverAnswers(server, backendSaw), "hung-backend");
            backend.setDaemon(true);
            backend.start();
            BackendViewHolder view = new BackendViewHolder(new BackendView(List.of(
                    node(0, server.getLocalPort(), BackendRole.PRIMARY))));
            ReplicationState state = new ReplicationState();
            ProxySettings settings = connectTimeout(dir, 300);

            monitor(view, state, () -> settings).checkOnce().get(10, TimeUnit.SECONDS);

            assertEquals(ReplicationState.NodeReplication.UNKNOWN, state.get(0));
            assertTrue(warnings().toString().contains("node 0 did not answer within 300 ms (connect_timeout)"),
                    warnings().toString());
            assertEquals("a query, then the connection closed", backendSaw.get(10, TimeUnit.SECONDS),
                    "the abandoned connection is closed, not left open");
        }
    }

    /** Accepts one session (AuthenticationOk, ReadyForQuery), reads its query, answers nothing, waits for EOF. */
    private static void startsButNeverAnswers(ServerSocket server, CompletableFuture<String> saw) {
        try (Socket s = server.accept()) {
            DataInputStream in = FakeBackend.readStartup(s);
            FakeBackend.logIn(s);
            int type = in.read();
            in.readFully(new byte[in.readInt() - 4]);
            if (type != 'Q') {
                saw.complete("message type " + type + " instead of a query");
                return;
            }
            while (true) {
                int next = in.read();
                if (next == -1) {
                    saw.complete("a query, then the connection closed");
                    return;
                }
                if (next == 'X') {
                    in.readFully(new byte[in.readInt() - 4]);
                }
            }
        } catch (IOException e) {
            saw.complete("backend failed: " + e);
        }
    }
}
