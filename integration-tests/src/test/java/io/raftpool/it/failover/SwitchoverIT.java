package io.raftpool.it.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.proxy.ProxyClusterExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** pcp_promote_node -s through the command line: the old primary is detached and failover_command promotes. */
class SwitchoverIT {

    static final Path SCRIPTS = FailoverScripts.writeToTempDir();

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1, pg -> """
            failover_command = '%s/failover.sh %%d %%h %%p %%D %%m %%H %%M %%P %%r %%R %%N %%S'
            search_primary_node_timeout = 30
            """.formatted(SCRIPTS));

    @Test
    void promoteWithSwitchoverMovesTheWritesToTheNewPrimary() throws Exception {
        PgCluster pg = proxy.cluster();
        var promote = proxy.raftpool().cli("promote-node", "-n", "1", "-s");
        assertEquals(0, promote.exitCode(), promote.output());
        assertTrue(promote.output().contains("pcp_promote_node -- Command Successful"), promote.output());
        var info = proxy.raftpool().cli("node-info", "-n", "1");
        assertTrue(info.output().contains(" up up primary primary "), info.output());
        assertEquals("f", pg.query(1, "SELECT pg_is_in_recovery()"));
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "")) {
            c.createStatement().execute("CREATE TABLE switched (x int)");
            try (ResultSet rs = c.createStatement().executeQuery(
                    "WITH w AS (INSERT INTO switched VALUES (1) RETURNING x) SELECT inet_server_port() FROM w")) {
                assertTrue(rs.next());
                assertEquals(pg.port(1), rs.getInt(1), "writes go to the new primary");
            }
        }
        assertTrue(FailoverScripts.events(SCRIPTS).contains("failover failed=0 new_main=1 old_primary=0"),
                FailoverScripts.events(SCRIPTS).toString());
    }
}
