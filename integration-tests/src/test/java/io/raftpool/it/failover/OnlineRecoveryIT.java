package io.raftpool.it.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.PgInstallation;
import io.raftpool.it.pg.StopMode;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.ProxyClusterExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * After a failover, online recovery brings the old primary back as a standby of the new one
 * (recovery_1st_stage_command and pgpool_remote_start, Pgpool-II's script interface), and auto_failback
 * attaches a detached standby once it streams again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnlineRecoveryIT {

    static final Path SCRIPTS = FailoverScripts.writeToTempDir();

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1, pg -> FailoverScripts.FAST_HEALTH_CHECK + """
            failover_command = '%s/failover.sh %%d %%h %%p %%D %%m %%H %%M %%P %%r %%R %%N %%S'
            recovery_user = 'postgres'
            recovery_1st_stage_command = 'recovery_1st_stage'
            recovery_timeout = 60
            auto_failback = on
            auto_failback_interval = 1
            """.formatted(SCRIPTS));

    /** Pgpool-II's recovery scripts live in the primary's data directory; the test puts them in every node's. */
    static void installRecoveryScripts(PgCluster pg) {
        String bin = PgInstallation.locate().binDir().toString();
        String as = "if [ \"$(id -u)\" = 0 ]; then AS='runuser -u postgres --'; else AS=''; fi\n";
        String firstStage = """
                #!/bin/sh
                # recovery_1st_stage PRIMARY_DATA REMOTE_HOST REMOTE_DATA PRIMARY_PORT NODE REMOTE_PORT PRIMARY_HOST
                REMOTE_DATA=$3; PRIMARY_PORT=$4; NODE=$5; REMOTE_PORT=$6; PRIMARY_HOST=$7
                echo "recovery node=$NODE from=$PRIMARY_HOST:$PRIMARY_PORT" >> "%DIR%/events.log"
                %AS%
                $AS find "$REMOTE_DATA" -mindepth 1 -delete || exit 1
                $AS %BIN%/pg_basebackup -X stream -R -D "$REMOTE_DATA" \\
                    -d "host=$PRIMARY_HOST port=$PRIMARY_PORT user=postgres application_name=node$NODE" || exit 1
                printf "port = %s\nprimary_slot_name = ''\n" "$REMOTE_PORT" | $AS tee -a "$REMOTE_DATA/postgresql.auto.conf" > /dev/null
                """.replace("%DIR%", SCRIPTS.toString()).replace("%AS%", as).replace("%BIN%", bin);
        String remoteStart = """
                #!/bin/sh
                # pgpool_remote_start REMOTE_HOST REMOTE_DATA
                %AS%
                $AS %BIN%/pg_ctl start -w -D "$2" -l "$2/recovered.log" > /dev/null
                """.replace("%AS%", as).replace("%BIN%", bin);
        for (int i = 0; i < pg.nodeCount(); i++) {
            FailoverScripts.write(pg.dataDir(i).resolve("recovery_1st_stage"), firstStage);
            FailoverScripts.write(pg.dataDir(i).resolve("pgpool_remote_start"), remoteStart);
        }
    }


    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres") + "?connectTimeout=5", "postgres", "");
    }

    private static String node(int id) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SHOW pool_nodes")) {
            while (rs.next()) {
                if (rs.getInt("node_id") == id) {
                    return rs.getString("status") + " " + rs.getString("role");
                }
            }
        }
        return "missing";
    }

    @Test
    @Order(1)
    void theOldPrimaryIsRecoveredAsAStandbyOfTheNewOne() throws Exception {
        PgCluster pg = proxy.cluster();
        installRecoveryScripts(pg);
        pg.stop(0, StopMode.IMMEDIATE);
        Wait.until(Duration.ofSeconds(60), "node 1 to become the primary", () -> "up primary".equals(node(1)));
        var recovery = proxy.raftpool().cli("recovery-node", "-n", "0");
        assertEquals(0, recovery.exitCode(), recovery.output());
        assertEquals("up standby", node(0));
        assertEquals("t", pg.query(0, "SELECT pg_is_in_recovery()"));
        try (Connection c = connect()) {
            c.createStatement().execute("CREATE TABLE after_recovery (v int); INSERT INTO after_recovery VALUES (7)");
        }
        Wait.until(Duration.ofSeconds(30), "the write to reach the recovered node",
                () -> "1".equals(pg.query(0, "SELECT count(*) FROM pg_class WHERE relname = 'after_recovery'"))
                        && "7".equals(pg.query(0, "SELECT max(v) FROM after_recovery")));
        assertTrue(FailoverScripts.events(SCRIPTS).contains("recovery node=0 from=127.0.0.1:" + pg.port(1)),
                FailoverScripts.events(SCRIPTS).toString());
    }

    @Test
    @Order(2)
    void autoFailbackAttachesAStandbyThatStreamsAgain() throws Exception {
        PgCluster pg = proxy.cluster();
        pg.stop(0, StopMode.IMMEDIATE);
        Wait.until(Duration.ofSeconds(30), "node 0 to be detached", () -> node(0).startsWith("down"));
        pg.start(0);
        Wait.until(Duration.ofSeconds(60), "auto_failback to attach node 0 again", () -> "up standby".equals(node(0)));
    }
}
