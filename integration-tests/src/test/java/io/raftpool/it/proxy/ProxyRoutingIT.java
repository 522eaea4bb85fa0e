package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Load balancing by backend_weight: the primary weighs 0, standby 1 weighs 1 and standby 2 weighs 3, so
 * sessions' reads go to the standbys about 1:3 and never to the primary, while writes always go to the
 * primary.
 */
class ProxyRoutingIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(2,
            pg -> "backend_weight0 = 0\nbackend_weight1 = 1\nbackend_weight2 = 3\n");

    private static final int SESSIONS = 400;

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "");
    }

    @Test
    void readsFollowBackendWeightAndWritesGoToThePrimary() throws SQLException {
        PgCluster pg = proxy.cluster();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS hits (port int)");
        }
        Map<Integer, Integer> readsByPort = new HashMap<>();
        for (int i = 0; i < SESSIONS; i++) {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT inet_server_port()")) {
                    rs.next();
                    readsByPort.merge(rs.getInt(1), 1, Integer::sum);
                }
                try (ResultSet rs = st.executeQuery(
                        "WITH w AS (INSERT INTO hits VALUES (inet_server_port()) RETURNING port) SELECT port FROM w")) {
                    rs.next();
                    assertEquals(pg.port(0), rs.getInt(1), "a write went to port " + rs.getInt(1));
                }
            }
        }
        int toPrimary = readsByPort.getOrDefault(pg.port(0), 0);
        int toStandby1 = readsByPort.getOrDefault(pg.port(1), 0);
        int toStandby2 = readsByPort.getOrDefault(pg.port(2), 0);
        assertEquals(0, toPrimary, "weight 0: no reads on the primary " + readsByPort);
        assertEquals(SESSIONS, toStandby1 + toStandby2);
        double share2 = toStandby2 / (double) SESSIONS;
        // expected 0.75; binomial sd for n=400 is 0.022: +-0.1 is more than 4 sd
        assertTrue(Math.abs(share2 - 0.75) < 0.1, "standby 2 got " + share2 + " of the reads: " + readsByPort);
        assertEquals(String.valueOf(SESSIONS), pg.query(0, "SELECT count(*) FROM hits WHERE port = " + pg.port(0)));
    }

    @Test
    void explicitReadOnlyTransactionsAreBalancedAndWritesInTransactionsStickToThePrimary() throws SQLException {
        PgCluster pg = proxy.cluster();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS tx (id int)");
            c.setAutoCommit(false);
            try (ResultSet rs = st.executeQuery("SELECT inet_server_port()")) {
                rs.next();
                assertTrue(rs.getInt(1) != pg.port(0), "a read in a transaction may be balanced");
            }
            st.execute("INSERT INTO tx VALUES (1)");
            try (ResultSet rs = st.executeQuery("SELECT inet_server_port()")) {
                rs.next();
                assertEquals(pg.port(0), rs.getInt(1), "after a write the transaction stays on the primary");
            }
            c.commit();
        }
    }
}
