package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.raftpool.it.pg.Wait;
import io.raftpool.proxy.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * raftpool on each Netty transport the machine has (io_uring, epoll, NIO, chosen with -Draftpool.transport):
 * pgbench's extended protocol over TCP and, where the transport has them, Unix sockets on both sides (client
 * to proxy, proxy to PostgreSQL); an unknown transport name stops the start with a clear error.
 */
class TransportIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(0, pg -> "");

    @BeforeAll
    static void initialise() throws Exception {
        pgbench("127.0.0.1", proxy.raftpool().port(), "-i", "-s", "1", "-q");
    }

    @ParameterizedTest
    @EnumSource(Transport.Kind.class)
    void pgbenchRunsOnEachTransport(Transport.Kind kind) throws Exception {
        assumeTrue(kind.isAvailable(), kind.label() + " is not available on this machine");
        boolean unix = kind != Transport.Kind.NIO;
        String backends = ProxyClusterExtension.backends(proxy.cluster());
        if (unix) {   // to PostgreSQL over its Unix socket, as backend_hostname0 = '/dir' means
            backends = backends.replace("backend_hostname0 = '127.0.0.1'",
                    "backend_hostname0 = '" + proxy.cluster().socketDir() + "'");
        }
        Path dir = Files.createTempDirectory("raftpool-transport-" + kind.label() + "-");
        RaftpoolProcess raftpool = RaftpoolProcess.startWithJvmOptions("-Draftpool.transport=" + kind.label(), dir,
                backends);
        try {
            awaitLog(raftpool, "listening on 127.0.0.1:" + raftpool.port() + " (" + kind.label() + " transport)");
            assertEquals(800, processed(pgbench("127.0.0.1", raftpool.port(), "-S", "-M", "extended", "-c", "4",
                    "-j", "2", "-t", "200")));
            if (unix) {
                awaitLog(raftpool, "listening on Unix socket " + dir.resolve(".s.PGSQL." + raftpool.port()));
                assertEquals(400, processed(pgbench(dir.toString(), raftpool.port(), "-M", "prepared", "-c", "2",
                        "-t", "200")));
            } else {
                awaitLog(raftpool, "not listening on a Unix socket in socket_dir " + dir
                        + ": the nio transport has none");
            }
            assertEquals(0, raftpool.stop(), "a clean stop on SIGTERM");
        } catch (AssertionError | Exception e) {
            raftpool.printLog(System.err);
            throw e;
        } finally {
            raftpool.stop();
        }
    }

    @Test
    void anUnknownTransportNameStopsTheStartWithAClearError() throws Exception {
        Path dir = Files.createTempDirectory("raftpool-transport-bad-");
        String backends = ProxyClusterExtension.backends(proxy.cluster());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RaftpoolProcess.startWithJvmOptions("-Draftpool.transport=kqueue", dir, backends));
        assertTrue(e.getMessage().contains("raftpool exited with status 1")
                && e.getMessage().contains("invalid raftpool.transport \"kqueue\": expected io_uring, epoll or nio"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("\tat "), "no stack trace: " + e.getMessage());
    }

    private static void awaitLog(RaftpoolProcess raftpool, String text) {
        Wait.until(Duration.ofSeconds(10), "raftpool's log to say \"" + text + "\"",
                () -> raftpool.logText().contains(text));
    }

    private static String pgbench(String host, int port, String... args) throws Exception {
        return Pgbench.run(host, port, args);
    }

    private static int processed(String out) {
        assertTrue(out.contains("number of failed transactions: 0"), out);
        return Pgbench.processed(out);
    }
}
