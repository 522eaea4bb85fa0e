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
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a failover the streaming-replication check goes on: SHOW pool_nodes' pg_status and pg_role follow
 * what PostgreSQL reports (the stopped old primary down and unknown, the promoted standby primary), and the
 * old primary that keeps refusing the check is logged once, not every sr_check_period.
 */
class SrCheckAfterFailoverIT {

    static final Path SCRIPTS = FailoverScripts.writeToTempDir();

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(2, pg -> FailoverScripts.FAST_HEALTH_CHECK
            + "search_primary_node_timeout = 30\n" + FailoverScripts.failoverAndFollowCommands(SCRIPTS));

    /** node id -> "pg_status pg_role" from SHOW pool_nodes. */
    private static Map<Integer, String> pgColumns() throws SQLException {
        Map<Integer, String> nodes = new HashMap<>();
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres") + "?connectTimeout=5",
                "postgres", ""); ResultSet rs = c.createStatement().executeQuery("SHOW pool_nodes")) {
            while (rs.next()) {
                nodes.put(rs.getInt("node_id"), rs.getString("pg_status") + " " + rs.getString("pg_role"));
            }
        }
        return nodes;
    }

    @Test
    void pgStatusAndPgRoleFollowTheFailover() throws Exception {
        PgCluster pg = proxy.cluster();
        Wait.until(Duration.ofSeconds(30), "the first checks to see every node",
                () -> Map.of(0, "up primary", 1, "up standby", 2, "up standby").equals(pgColumns()));

        pg.stop(0, StopMode.FAST);

        Wait.until(Duration.ofSeconds(60), "node 1 to be promoted", () -> "f".equals(pg.query(1, "SELECT pg_is_in_recovery()")));
        Wait.until(Duration.ofSeconds(30), "SHOW pool_nodes to show the stopped old primary down and the promoted "
                + "standby as primary", () -> {
                    Map<Integer, String> now = pgColumns();
                    return "down unknown".equals(now.get(0)) && "up primary".equals(now.get(1))
                            && "up standby".equals(now.get(2));
                });
        Wait.until(Duration.ofSeconds(30), "node-info (the admin API) to show the same", () -> {
            var info = proxy.raftpool().cli("node-info", "-n", "1");
            return info.exitCode() == 0 && info.output().contains(" up up primary primary ");
        });

        String log = proxy.raftpool().logText();
        log.lines().filter(l -> l.contains("ReplicationMonitor")).forEach(System.out::println);
        long refused = log.lines().filter(l -> l.contains("sr_check: node 0 does not answer")
                && l.contains("Connection refused")).count();
        assertEquals(1, refused, "the stopped node is logged once, not every sr_check_period");
        assertTrue(!log.contains("the streaming-replication check failed"), "no round failed");
    }
}
