package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With reserved_connections, a client over num_init_children - reserved_connections is refused at once. */
class ReservedConnectionsIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1,
            pg -> "num_init_children = 3\nreserved_connections = 1\n");

    @Test
    void overTheLimitIsRefusedWithPgpoolsMessage() throws Exception {
        String url = proxy.raftpool().jdbcUrl("postgres");
        try (Connection a = DriverManager.getConnection(url, "postgres", "");
                Connection b = DriverManager.getConnection(url, "postgres", "")) {
            SQLException e = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url, "postgres", "").close());
            assertEquals("53300", e.getSQLState());
            assertTrue(e.getMessage().contains("Sorry, too many clients already"), e.getMessage());
        }
        try (Connection again = DriverManager.getConnection(url, "postgres", "")) {
            assertTrue(again.isValid(5), "a slot is free again once a client leaves");
        }
    }
}
