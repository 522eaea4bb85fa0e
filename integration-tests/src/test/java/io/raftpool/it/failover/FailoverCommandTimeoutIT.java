package io.raftpool.it.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.StopMode;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.ProxyClusterExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failover_command that hangs is killed after failover_command_timeout; the failure is reported and the
 * cluster state stays consistent: the dead standby is detached, the primary keeps serving, and later
 * admin operations still work.
 */
class FailoverCommandTimeoutIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1, pg -> FailoverScripts.FAST_HEALTH_CHECK + """
            failover_command = 'sleep 600'
            failover_command_timeout = 2
            """);

    @Test
    void aHangingFailoverCommandIsKilledAndTheStateStaysConsistent() throws Exception {
        PgCluster pg = proxy.cluster();
        pg.stop(1, StopMode.IMMEDIATE);
        Wait.until(Duration.ofSeconds(60), "the hanging failover_command to be killed and reported",
                () -> proxy.raftpool().logText().contains("failover_command was killed after its timeout"));
        Wait.until(Duration.ofSeconds(30), "node 1 to be shown detached", () -> {
            var info = proxy.raftpool().cli("node-info", "-n", "1");
            return info.exitCode() == 0 && info.output().contains(" down ");
        });
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT pg_is_in_recovery()")) {
            assertTrue(rs.next());
            assertEquals(false, rs.getBoolean(1), "the primary keeps serving");
        }
        pg.start(1);
        var attach = proxy.raftpool().cli("attach-node", "-n", "1");
        assertEquals(0, attach.exitCode(), "the next operation is not blocked by the killed one: " + attach.output());
    }
}
