package io.raftpool.it.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.ProxyClusterExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A standby whose postmaster is stopped (SIGSTOP): the kernel still accepts connections to it, nobody
 * answers. With no health check to detach it, it stays the sessions' load-balance node; a session's read
 * must still be answered (by the primary, after connect_timeout) rather than wait for ever, and the
 * streaming-replication check must go on and show the node down.
 */
class StoppedStandbyIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1, pg -> "load_balance_mode = on\n"
            + "backend_weight0 = 0\nbackend_weight1 = 1\nconnect_timeout = 1000\n");

    private static String pgStatus(int node) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SHOW pool_nodes")) {
            while (rs.next()) {
                if (rs.getInt("node_id") == node) {
                    return rs.getString("pg_status");
                }
            }
        }
        return null;
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres") + "?connectTimeout=10", "postgres", "");
    }

    private static void signalPostmaster(PgCluster pg, int node, String signal) throws Exception {
        String pid = Files.readAllLines(pg.dataDir(node).resolve("postmaster.pid")).get(0).strip();
        Process kill = new ProcessBuilder("kill", "-" + signal, pid).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0,
                "kill -" + signal + " " + pid + ": " + new String(kill.getInputStream().readAllBytes()));
    }

    @Test
    void aReadWhoseStandbyNeverAnswersIsAnsweredByThePrimary() throws Exception {
        PgCluster pg = proxy.cluster();
        Wait.until(Duration.ofSeconds(30), "the checks to see the standby", () -> "up".equals(pgStatus(1)));

        signalPostmaster(pg, 1, "STOP");
        try {
            CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
                try (Connection c = connect(); ResultSet rs = c.createStatement()
                        .executeQuery("SELECT inet_server_port()::text")) {
                    rs.next();
                    return rs.getString(1);
                } catch (SQLException e) {
                    return "failed: " + e.getMessage();
                }
            });
            assertEquals(String.valueOf(pg.port(0)), read.get(30, TimeUnit.SECONDS), "the read ran on the primary");
            assertTrue(proxy.raftpool().logText().contains("load-balance node 1 unusable"),
                    "the session said why its reads left node 1");
            Wait.until(Duration.ofSeconds(30), "SHOW pool_nodes to show the stopped standby down",
                    () -> "down".equals(pgStatus(1)));
            assertTrue(proxy.raftpool().logText().contains("did not finish its startup within 1000 ms (connect_timeout)"),
                    "the check says why node 1 is down");
        } finally {
            signalPostmaster(pg, 1, "CONT");
        }
        Wait.until(Duration.ofSeconds(30), "the resumed standby to be seen again", () -> "up".equals(pgStatus(1)));
    }
}
