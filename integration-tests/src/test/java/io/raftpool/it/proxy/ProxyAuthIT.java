package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Client authentication by raftpool itself: pool_hba.conf picks the method, pool_passwd holds the
 * passwords, and a wrong password gets PostgreSQL's own 28P01 error. The PostgreSQL servers trust every
 * connection, so only raftpool's check stands between a client and the database.
 */
class ProxyAuthIT {

    static final String HBA = """
            local   all  all                      trust
            host    all  postgres  127.0.0.1/32   trust
            host    all  alice     127.0.0.1/32   scram-sha-256
            host    all  bob       127.0.0.1/32   md5
            host    all  carol     127.0.0.1/32   password
            host    all  mallory   127.0.0.1/32   reject
            """;

    static final String PASSWD = "alice:TEXTalice-secret\nbob:" + md5("bob-secret", "bob") + "\ncarol:carol-secret\n";

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1,
            pg -> "enable_pool_hba = on\npool_passwd = 'pool_passwd'\n", "pool_hba.conf", HBA, "pool_passwd", PASSWD);

    @BeforeAll
    static void roles() throws SQLException {
        for (String role : new String[] {"alice", "bob", "carol", "mallory", "dave"}) {
            proxy.cluster().execute(0, "CREATE ROLE " + role + " LOGIN");
        }
    }

    static String md5(String password, String user) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest((password + user).getBytes(StandardCharsets.UTF_8));
            return "md5" + String.format("%032x", new BigInteger(1, d));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), user, password);
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"alice,alice-secret", "bob,bob-secret", "carol,carol-secret"})
    void rightPasswordLogsIn(String user, String password) throws SQLException {
        try (Connection c = connect(user, password); ResultSet rs = c.createStatement().executeQuery(
                "SELECT current_user")) {
            rs.next();
            assertEquals(user, rs.getString(1));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"alice", "bob", "carol"})
    void wrongPasswordGetsPostgresOwnError(String user) {
        SQLException e = assertThrows(SQLException.class, () -> connect(user, "wrong").close());
        assertEquals("28P01", e.getSQLState());
        assertTrue(e.getMessage().contains("password authentication failed for user \"" + user + "\""),
                e.getMessage());
    }

    @Test
    void rejectedAndUnlistedUsersAreRefusedWithTheReason() {
        SQLException rejected = assertThrows(SQLException.class, () -> connect("mallory", "x").close());
        assertEquals("28000", rejected.getSQLState());
        assertTrue(rejected.getMessage().contains("pool_hba.conf rejects connection for host \"127.0.0.1\", "
                + "user \"mallory\", database \"postgres\""), rejected.getMessage());
        SQLException unlisted = assertThrows(SQLException.class, () -> connect("dave", "x").close());
        assertEquals("28000", unlisted.getSQLState());
        assertTrue(unlisted.getMessage().contains("no pool_hba.conf entry for host \"127.0.0.1\", user \"dave\""),
                unlisted.getMessage());
    }

    @Test
    void theLogNeverContainsAPassword() throws Exception {
        assertThrows(SQLException.class, () -> connect("alice", "a-wrong-password").close());
        String log = proxy.raftpool().logText();
        assertTrue(!log.contains("a-wrong-password") && !log.contains("alice-secret") && !log.contains("bob-secret"),
                "a password reached the log");
    }
}
