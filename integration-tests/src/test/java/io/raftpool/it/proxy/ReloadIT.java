package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reload, from the command line and with SIGHUP: a changed pool_hba.conf applies to new sessions at once, a
 * changed restart-only parameter is reported, and an invalid pgpool.conf changes nothing.
 */
class ReloadIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(0,
            pg -> "enable_pool_hba = on\n", "pool_hba.conf", "host all all 127.0.0.1/32 trust\n");

    private static boolean canConnect() {
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void reloadAppliesPoolHbaAndReportsWhatNeedsARestart() throws Exception {
        Path dir = proxy.raftpool().dir();
        assertTrue(canConnect());
        Files.writeString(dir.resolve("pool_hba.conf"), "host all postgres 127.0.0.1/32 reject\n");
        Files.writeString(dir.resolve("pgpool.conf"), "\nnum_init_children = 7\n", StandardOpenOption.APPEND);
        var reload = proxy.raftpool().cli("reload");
        assertEquals(0, reload.exitCode(), reload.output());
        assertTrue(reload.output().contains("pcp_reload_config -- Command Successful"), reload.output());
        assertTrue(proxy.raftpool().logText().contains("num_init_children: \"32\" -> \"7\" needs a restart"),
                "the log says which change waits for a restart");
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "").close());
        assertTrue(refused.getMessage().contains("pool_hba.conf rejects connection"), refused.getMessage());

        Files.writeString(dir.resolve("pgpool.conf"), "\nport = not-a-port\n", StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("pool_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        var invalid = proxy.raftpool().cli("reload");
        assertTrue(invalid.exitCode() != 0 && invalid.output().contains("invalid integer \"not-a-port\""),
                invalid.output());
        assertTrue(!canConnect(), "an invalid pgpool.conf changes nothing, so pool_hba.conf still rejects");

        String conf = Files.readString(dir.resolve("pgpool.conf")).replace("port = not-a-port", "");
        Files.writeString(dir.resolve("pgpool.conf"), conf);
        new ProcessBuilder("kill", "-HUP", String.valueOf(proxy.raftpool().pid())).start().waitFor();
        Wait.until(Duration.ofSeconds(30), "SIGHUP to reload pool_hba.conf", ReloadIT::canConnect);
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("PGPOOL SHOW num_init_children")) {
            assertTrue(rs.next());
            assertEquals("32", rs.getString(1), "a restart-only parameter keeps its running value until the restart");
        }
    }
}
