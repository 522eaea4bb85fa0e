package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.Wait;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * num_init_children bounds the sessions served at once. Over it, a client waits for a free slot, as for a
 * free Pgpool-II child; with reserved_connections set it is refused instead ({@link ReservedConnectionsIT}).
 */
class ConnectionLimitsIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1,
            pg -> "num_init_children = 2\nclient_idle_limit = 0\n");

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres") + "?connectTimeout=60", "postgres",
                "");
    }

    @Test
    void aThirdClientWaitsForASlot() throws Exception {
        try (Connection a = connect(); Connection b = connect()) {
            CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> {
                try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT 'served'")) {
                    rs.next();
                    return rs.getString(1);
                } catch (SQLException e) {
                    return e.getMessage();
                }
            });
            Wait.until(Duration.ofSeconds(10), "the third client to be waiting", () -> {
                    try (ResultSet r = a.createStatement().executeQuery("SHOW pool_processes")) {
                        while (r.next()) {
                            if ("Wait for connection".equals(r.getString("status"))) {
                                return true;
                            }
                        }
                        return false;
                    }
            });
            assertFalse(third.isDone(), "the third client must wait while two sessions are open");
            b.close();
            assertEquals("served", third.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
    }
}
