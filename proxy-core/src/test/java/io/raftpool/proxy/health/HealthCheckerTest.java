package io.raftpool.proxy.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.LoadResult;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendRole;
import io.raftpool.proxy.BackendStatus;
import io.raftpool.proxy.BackendView;
import io.raftpool.proxy.BackendViewHolder;
import io.raftpool.proxy.PasswordSource;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.FakeBackend;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health check against small fake backends speaking just enough of the protocol. */
class HealthCheckerTest {

    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.eventLoopGroup(1, "test-health");

    @AfterEach
    void tearDown() {
        group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** health_check_timeout: the check fails on time; a connection completing later is closed, not left open. */
    @Test
    void aConnectionThatOpensAfterTheTimeoutIsClosed(@TempDir Path dir) throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        CompletableFuture<String> afterAnswer = new CompletableFuture<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread backend = new Thread(() -> slowBackend(server, answer, afterAnswer), "slow-backend");
            backend.setDaemon(true);
            backend.start();
            BackendViewHolder view = view(server.getLocalPort(), BackendStatus.UP);
            try (HealthChecker checker = new HealthChecker(transport, group.next(), config(dir, server), view,
                    PasswordSource.CONFIGURED_ONLY, HealthObserver.NONE)) {
                assertFalse(checker.checkNow(0).get(10, TimeUnit.SECONDS), "the check fails at its timeout");
                answer.countDown();
                assertEquals("Terminate, then EOF", afterAnswer.get(10, TimeUnit.SECONDS));
            }
        }
    }

    /**
     * A node quarantined by a vote that was decided after its next check had already passed (the race seen
     * when a member resumes from SIGSTOP): the next passing check releases it, although it never failed here.
     */
    @Test
    void aPassingCheckReleasesAQuarantinedNode(@TempDir Path dir) throws Exception {
        CountDownLatch answerAtOnce = new CountDownLatch(0);
        CompletableFuture<Integer> released = new CompletableFuture<>();
        HealthObserver observer = new HealthObserver() {
            @Override
            public void nodeUnreachable(int nodeId, String reason) {
                released.completeExceptionally(new AssertionError("reported unreachable: " + reason));
            }

            @Override
            public void nodeReachable(int nodeId) {
                released.complete(nodeId);
            }
        };
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread backend = new Thread(() -> slowBackend(server, answerAtOnce, new CompletableFuture<>()), "backend");
            backend.setDaemon(true);
            backend.start();
            BackendViewHolder view = view(server.getLocalPort(), BackendStatus.QUARANTINE);
            try (HealthChecker checker = new HealthChecker(transport, group.next(), config(dir, server), view,
                    PasswordSource.CONFIGURED_ONLY, observer)) {
                assertTrue(checker.checkNow(0).get(10, TimeUnit.SECONDS), "the node answers");
                assertEquals(0, released.get(10, TimeUnit.SECONDS), "the quarantined node is reported reachable");
            }
        }
    }

    /**
     * Pgpool-II's rule: connect_timeout bounds the TCP connect only, health_check_timeout the whole check. A
     * backend slower to start a session than connect_timeout, but within health_check_timeout, passes.
     */
    @Test
    void aSlowStartupWithinHealthCheckTimeoutPassesWhateverConnectTimeoutSays(@TempDir Path dir) throws Exception {
        CountDownLatch answer = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread backend = new Thread(() -> slowBackend(server, answer, new CompletableFuture<>()), "slow-backend");
            backend.setDaemon(true);
            backend.start();
            BackendViewHolder view = view(server.getLocalPort(), BackendStatus.UP);
            Config config = config(dir, server, "connect_timeout = 200\nhealth_check_timeout = 30\n");
            try (HealthChecker checker = new HealthChecker(transport, group.next(), config, view,
                    PasswordSource.CONFIGURED_ONLY, HealthObserver.NONE)) {
                CompletableFuture<Boolean> check = checker.checkNow(0);
                assertThrows(TimeoutException.class, () -> check.get(1, TimeUnit.SECONDS),
                        "still waiting after five times connect_timeout");
                answer.countDown();
                assertTrue(check.get(10, TimeUnit.SECONDS), "the node passes once it answers");
            }
        }
    }

    private static Config config(Path dir, ServerSocket server) throws IOException {
        return config(dir, server, "health_check_timeout = 1\n");
    }

    private static Config config(Path dir, ServerSocket server, String more) throws IOException {
        Path conf = dir.resolve("pgpool.conf");
        Files.writeString(conf, "backend_hostname0 = '127.0.0.1'\nbackend_port0 = " + server.getLocalPort()
                + "\nhealth_check_user = 'postgres'\nhealth_check_max_retries = 0\n" + more);
        LoadResult loaded = ConfigLoader.load(conf);
        assertTrue(loaded.ok(), loaded.problems().toString());
        return loaded.config();
    }

    private static BackendViewHolder view(int port, BackendStatus status) {
        return new BackendViewHolder(new BackendView(List.of(new BackendNode(0, "127.0.0.1", port, 1, status,
                BackendRole.PRIMARY, Instant.now()))));
    }

    /** Reads the startup packet, waits for the latch, then says AuthenticationOk and ReadyForQuery. */
    private static void slowBackend(ServerSocket server, CountDownLatch answer, CompletableFuture<String> result) {
        try (Socket s = server.accept()) {
            DataInputStream in = FakeBackend.readStartup(s);
            answer.await();
            OutputStream out = FakeBackend.logIn(s);
            int type = in.read();
            if (type != 'X') {
                result.complete("got message type " + type + " instead of Terminate");
                return;
            }
            in.readFully(new byte[in.readInt() - 4]);
            result.complete(in.read() == -1 ? "Terminate, then EOF" : "more bytes after Terminate");
        } catch (IOException | InterruptedException e) {
            result.complete("backend failed: " + e);
        }
    }
}
