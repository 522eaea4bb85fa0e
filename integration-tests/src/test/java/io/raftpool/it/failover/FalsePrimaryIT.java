package io.raftpool.it.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.ProxyClusterExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** detach_false_primary: a standby promoted behind raftpool's back is detached; writes stay on the primary. */
class FalsePrimaryIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1,
            pg -> "detach_false_primary = on\n");

    @Test
    void aStandbyPromotedBehindRaftpoolsBackIsDetached() throws Exception {
        PgCluster pg = proxy.cluster();
        pg.promote(1);
        Wait.until(Duration.ofSeconds(30), "node 1 to be detached as a false primary", () -> {
            var info = proxy.raftpool().cli("node-info", "-n", "1");
            return info.exitCode() == 0 && info.output().contains(" down ");
        });
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "")) {
            c.createStatement().execute("CREATE TABLE fp (x int)");
            try (ResultSet rs = c.createStatement().executeQuery(
                    "WITH w AS (INSERT INTO fp VALUES (1) RETURNING x) SELECT inet_server_port() FROM w")) {
                assertTrue(rs.next());
                assertEquals(pg.port(0), rs.getInt(1), "writes stay on the real primary");
            }
        }
        assertTrue(proxy.raftpool().logText().contains("detach_false_primary: node 1 runs as a primary"));
    }
}
