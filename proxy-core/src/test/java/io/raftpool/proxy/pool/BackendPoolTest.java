package io.raftpool.proxy.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.raftpool.conf.Config;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendRole;
import io.raftpool.proxy.BackendStatus;
import io.raftpool.proxy.PasswordSource;
import io.raftpool.proxy.ProxySettings;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.backend.BackendConnection;
import io.raftpool.proxy.FakeBackend;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection given back to the pool is reset, then cached (even one a session had paused); one whose reset
 * never ends is closed.
 */
class BackendPoolTest {

    private final Transport transport = Transport.best();
    private final EventLoopGroup group = transport.eventLoopGroup(1, "test-pool");
    private final EventLoop loop = group.next();
    private BackendPool pool;
    private final BlockingQueue<String> queries = new LinkedBlockingQueue<>();
    private final CountDownLatch closedByProxy = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void aConnectionWhoseResetIsAnsweredIsCachedForTheNextSession() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PoolKey key = releaseOneConnection(server, true, BackendPool.RESET_TIMEOUT, c -> { });

            assertEquals("ABORT", queries.poll(10, TimeUnit.SECONDS), "the first reset query");
            assertEquals("DISCARD ALL", queries.poll(10, TimeUnit.SECONDS));
            assertTrue(waitForCached(key, 1), "cached after its reset");
            assertEquals(1, closedByProxy.getCount(), "still open");
        }
    }

    @Test
    void aConnectionPausedForASlowClientIsReadAgainToBeReset() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            // paused as a session pauses it while its client cannot keep up
            PoolKey key = releaseOneConnection(server, true, Duration.ofSeconds(5),
                    c -> c.channel().config().setAutoRead(false));

            assertEquals("ABORT", queries.poll(10, TimeUnit.SECONDS), "the first reset query");
            assertTrue(waitForCached(key, 1), "its answers were read and it was cached");
            assertEquals(1, closedByProxy.getCount(), "still open");
        }
    }

    @Test
    void aConnectionWhoseResetIsNeverAnsweredIsClosedNotKeptOpen() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PoolKey key = releaseOneConnection(server, false, Duration.ofMillis(300), c -> { });

            assertEquals("ABORT", queries.poll(10, TimeUnit.SECONDS), "the reset was sent");
            assertTrue(closedByProxy.await(10, TimeUnit.SECONDS), "the proxy closed the connection");
            assertEquals(0, loop.submit(() -> pool.idleByKey().getOrDefault(key, 0)).get(5, TimeUnit.SECONDS),
                    "nothing cached");
        }
    }

    /**
     * Starts a fake backend (answering its queries or not), takes a connection to it from a new pool and gives
     * it back cleanly, after {@code beforeRelease} on the pool's loop.
     */
    private PoolKey releaseOneConnection(ServerSocket server, boolean answering, Duration resetTimeout,
            Consumer<BackendConnection> beforeRelease) throws Exception {
        startBackend(server, answering);
        pool = newPool(resetTimeout);
        PoolKey key = new PoolKey(0, Map.of("user", "postgres", "database", "postgres"));
        BackendConnection c = acquire(server.getLocalPort(), key);
        loop.submit(() -> {
            beforeRelease.accept(c);
            pool.release(c, key, true);
        }).get(5, TimeUnit.SECONDS);
        return key;
    }

    private BackendPool newPool(Duration resetTimeout) throws Exception {
        return loop.submit(() -> new BackendPool(transport, loop, ProxySettings.from(Config.defaults()), 1, resetTimeout))
                .get(5, TimeUnit.SECONDS);
    }

    private BackendConnection acquire(int port, PoolKey key) throws Exception {
        BackendNode node = new BackendNode(0, "127.0.0.1", port, 1, BackendStatus.UP, BackendRole.PRIMARY,
                Instant.now());
        return loop.submit(() -> pool.acquire(node, key, PasswordSource.CONFIGURED_ONLY.credentialsFor("postgres", "")))
                .get(5, TimeUnit.SECONDS).get(10, TimeUnit.SECONDS);
    }

    private boolean waitForCached(PoolKey key, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (loop.submit(() -> pool.idleByKey().getOrDefault(key, 0)).get(5, TimeUnit.SECONDS) == n) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));   // between two looks at the pool
        }
        return false;
    }

    /** A fake backend: trust login, then each Query answered (or, when answering is false, none ever). */
    private void startBackend(ServerSocket server, boolean answering) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                DataInputStream in = FakeBackend.readStartup(s);
                OutputStream out = FakeBackend.logIn(s);
                for (int type; (type = in.read()) != -1; ) {
                    byte[] body = new byte[in.readInt() - 4];
                    in.readFully(body);
                    if (type == 'X') {
                        continue;
                    }
                    queries.add(new String(body, 0, body.length - 1, StandardCharsets.UTF_8));
                    if (answering) {
                        out.write(new byte[] {'C', 0, 0, 0, 7, 'O', 'K', 0, 'Z', 0, 0, 0, 5, 'I'});
                        out.flush();
                    }
                }
                closedByProxy.countDown();
            } catch (IOException e) {
                closedByProxy.countDown();
            }
        }, "fake-backend");
        t.setDaemon(true);
        t.start();
    }
}
