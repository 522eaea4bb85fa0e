package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.Wait;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** raftpool stop -m smart: no new clients, the session under way finishes, then raftpool exits. */
class StopModesIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(0, pg -> "");

    @Test
    void smartStopWaitsForTheSessionUnderWay() throws Exception {
        String url = proxy.raftpool().jdbcUrl("postgres") + "?connectTimeout=3";
        Connection session = DriverManager.getConnection(url, "postgres", "");
        var stop = proxy.raftpool().cli("stop", "-m", "smart");
        assertEquals(0, stop.exitCode(), stop.output());
        Wait.until(Duration.ofSeconds(30), "raftpool to stop accepting clients", () -> {
            try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                return false;
            } catch (SQLException e) {
                return true;
            }
        });
        try (ResultSet rs = session.createStatement().executeQuery("SELECT 'still served'")) {
            assertTrue(rs.next());
            assertEquals("still served", rs.getString(1));
        }
        assertTrue(proxy.raftpool().isAlive(), "raftpool waits while a session is open");
        session.close();
        Wait.until(Duration.ofSeconds(30), "raftpool to exit once the last session ended",
                () -> !proxy.raftpool().isAlive());
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "").close());
    }
}
