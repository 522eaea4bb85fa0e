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
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
}
