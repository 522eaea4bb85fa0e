package io.raftpool.it.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.StopMode;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.ProxyClusterExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failover through the whole chain: the health check notices a dead backend, the failover is recorded in
 * the Raft log, the leader runs failover_command (which promotes a standby) and follow_primary_command
 * (which re-points the other standby), and clients write through raftpool again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailoverIT {

    static final Path SCRIPTS = FailoverScripts.writeToTempDir();

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(2, pg -> FailoverScripts.FAST_HEALTH_CHECK
            + "search_primary_node_timeout = 30\n" + FailoverScripts.failoverAndFollowCommands(SCRIPTS));

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres") + "?connectTimeout=5", "postgres", "");
    }

    /** node id -> {status, role} from SHOW pool_nodes. */
    private static Map<Integer, String> poolNodes() throws SQLException {
        Map<Integer, String> nodes = new HashMap<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SHOW pool_nodes")) {
            while (rs.next()) {
                nodes.put(rs.getInt("node_id"), rs.getString("status") + " " + rs.getString("role"));
            }
        }
        return nodes;
    }

    private static boolean write(int value) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO ha_log VALUES (" + value + ")");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    @Order(1)
    void primaryFailureFailsOverOnceAndTheOtherStandbyFollows() throws Exception {
        PgCluster pg = proxy.cluster();
        try (Connection c = connect()) {
            c.createStatement().execute("CREATE TABLE ha_log (v int)");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            int i = 0;
            while (running.get()) {
                if (write(i++)) {
                    written.incrementAndGet();
                }
            }
        }, "writer");
        writer.start();
        try {
            Wait.until(Duration.ofSeconds(30), "writes through raftpool", () -> written.get() > 10);
            pg.stop(0, StopMode.IMMEDIATE);
            long killed = System.nanoTime();
            Wait.until(Duration.ofSeconds(60), "node 1 to become the primary in SHOW pool_nodes",
                    () -> "up primary".equals(poolNodes().get(1)));
            int before = written.get();
            Wait.until(Duration.ofSeconds(60), "a write through raftpool after the failover",
                    () -> written.get() > before + 3);
            System.out.printf("first writes after the kill within %.1f s%n", (System.nanoTime() - killed) / 1e9);
            // Node 2 shows "up standby" before its follow too: wait for the follow to have run and re-attached it.
            Wait.until(Duration.ofSeconds(60), "node 2 to follow the new primary",
                    () -> FailoverScripts.events(SCRIPTS).stream().anyMatch(e -> e.startsWith("follow node=2 "))
                            && "up standby".equals(poolNodes().get(2)));
        } finally {
            running.set(false);
            writer.join();
        }
        assertEquals("down", poolNodes().get(0).split(" ")[0]);
        List<String> events = FailoverScripts.events(SCRIPTS);
        assertEquals(1, events.stream().filter(e -> e.startsWith("failover failed=0 new_main=1")).count(), events.toString());
        assertEquals(1, events.stream().filter(e -> e.startsWith("follow node=2 new_primary=1")).count(), events.toString());
        assertEquals("f", pg.query(1, "SELECT pg_is_in_recovery()"));
        Wait.until(Duration.ofSeconds(30), "node 2 to stream from node 1",
                () -> "1".equals(pg.query(1, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'node2'")));
        pg.waitForReplay(2);
        assertEquals(pg.query(1, "SELECT count(*) FROM ha_log"), pg.query(2, "SELECT count(*) FROM ha_log"));
    }

    @Test
    @Order(2)
    void deadStandbyIsDetachedAndReadsContinue() throws Exception {
        PgCluster pg = proxy.cluster();
        pg.stop(2, StopMode.IMMEDIATE);
        Wait.until(Duration.ofSeconds(30), "node 2 to be detached", () -> poolNodes().get(2).startsWith("down"));
        for (int i = 0; i < 20; i++) {
            try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM ha_log")) {
                assertTrue(rs.next());
            }
        }
        List<String> events = FailoverScripts.events(SCRIPTS);
        assertEquals(1, events.stream().filter(e -> e.startsWith("failover failed=2")).count(), events.toString());
    }

    @Test
    @Order(3)
    void adminAttachAndDetachThroughTheCommandLine() throws Exception {
        PgCluster pg = proxy.cluster();
        pg.start(2);
        Wait.until(Duration.ofSeconds(30), "node 2 to stream from node 1 again",
                () -> "1".equals(pg.query(1, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'node2'")));
        var attach = proxy.raftpool().cli("attach-node", "-n", "2");
        assertEquals(0, attach.exitCode(), attach.output());
        assertTrue(attach.output().contains("pcp_attach_node -- Command Successful"), attach.output());
        assertEquals("up standby", poolNodes().get(2));
        var info = proxy.raftpool().cli("node-info", "-n", "2");
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains(" up standby"), info.output());
        var again = proxy.raftpool().cli("attach-node", "-n", "2");
        assertTrue(again.exitCode() != 0 && again.output().contains("already attached"), again.output());
        var detach = proxy.raftpool().cli("detach-node", "-n", "2");
        assertEquals(0, detach.exitCode(), detach.output());
        assertEquals("down", poolNodes().get(2).split(" ")[0]);
        List<String> events = FailoverScripts.events(SCRIPTS);
        assertEquals(2, events.stream().filter(e -> e.startsWith("failover failed=2")).count(),
                "a detach runs failover_command too: " + events);
    }

    @Test
    @Order(4)
    void aRestartedRaftpoolKeepsEveryBackendsStatus() throws Exception {
        Map<Integer, String> before = poolNodes();
        assertEquals("down", before.get(2).split(" ")[0], "node 2 was detached by the previous test");
        proxy.raftpool().restart();
        assertEquals(before, poolNodes(), "the status comes back from the Raft log, not from pgpool.conf");
    }
}
