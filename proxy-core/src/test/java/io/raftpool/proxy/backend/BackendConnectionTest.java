package io.raftpool.proxy.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendRole;
import io.raftpool.proxy.BackendStatus;
import io.raftpool.proxy.PasswordSource;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.FakeBackend;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** connect_timeout on a backend connection, against fake backends that answer late or never. */
class BackendConnectionTest {

    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.eventLoopGroup(1, "test-backend");

    @AfterEach
    void tearDown() {
        group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private CompletableFuture<BackendConnection> open(int port, Duration connectTimeout) {
        BackendNode node = new BackendNode(0, "127.0.0.1", port, 1, BackendStatus.UP, BackendRole.PRIMARY,
                Instant.now());
        return BackendConnection.open(transport, group.next(), node, Map.of("user", "postgres", "database", "postgres"),
                PasswordSource.CONFIGURED_ONLY.credentialsFor("postgres", ""), connectTimeout, 1 << 20);
    }

    /** A stopped postmaster: the kernel accepts the connection, nobody reads the startup packet. */
    @Test
    void aBackendThatNeverAnswersIsGivenUpAtConnectTimeoutAndClosed() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<BackendConnection> opening = open(silent.getLocalPort(), Duration.ofMillis(300));

            ExecutionException e = assertThrows(ExecutionException.class, () -> opening.get(10, TimeUnit.SECONDS));
            PgException refused = assertInstanceOf(PgException.class, e.getCause());
            assertEquals("08001", refused.sqlState());
            assertTrue(refused.getMessage().contains("backend 0 (127.0.0.1:" + silent.getLocalPort() + ")")
                    && refused.getMessage().contains("within 300 ms (connect_timeout)"), refused.getMessage());
            try (Socket accepted = silent.accept()) {
                assertEquals(-1, skipStartupThenRead(accepted), "the abandoned connection is closed");
            }
        }
    }

    /** connect_timeout = 0 waits as long as the operating system does, as in Pgpool-II (it once meant 1 ms). */
    @Test
    void zeroConnectTimeoutWaitsForASlowBackend() throws Exception {
        CountDownLatch startupRead = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread backend = new Thread(() -> answerWhenTold(server, startupRead, answer), "slow-backend");
            backend.setDaemon(true);
            backend.start();
            CompletableFuture<BackendConnection> opening = open(server.getLocalPort(), Duration.ZERO);
            assertTrue(startupRead.await(10, TimeUnit.SECONDS), "the backend got the startup packet");
            // had zero become a bound of a few milliseconds, the attempt would have failed within these 200 ms
            assertThrows(TimeoutException.class, () -> opening.get(200, TimeUnit.MILLISECONDS),
                    "still waiting for the backend, not given up");
            answer.countDown();
            BackendConnection c = opening.get(10, TimeUnit.SECONDS);
            assertTrue(c.isOpen());
            group.next().submit(c::terminate).get(5, TimeUnit.SECONDS);
        }
    }

    private static int skipStartupThenRead(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        in.readFully(new byte[in.readInt() - 4]);
        return in.read();
    }

    private static void answerWhenTold(ServerSocket server, CountDownLatch startupRead, CountDownLatch answer) {
        try (Socket s = server.accept()) {
            DataInputStream in = FakeBackend.readStartup(s);
            startupRead.countDown();
            answer.await();
            FakeBackend.logIn(s);
            while (in.read() != -1) {
                // until the client terminates
            }
        } catch (IOException | InterruptedException e) {
            // the test fails on its own future
        }
    }
}
