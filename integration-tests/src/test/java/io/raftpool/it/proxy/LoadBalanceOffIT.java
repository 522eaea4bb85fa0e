package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * load_balance_mode = off: every statement runs on the primary, the standby gets none, and SHOW pool_nodes'
 * select_cnt counts the SELECTs as Pgpool-II does (every statement that starts with SELECT, VALUES, TABLE or a
 * parenthesis, locking ones too, and WITH queries whose main statement is a SELECT), over the simple and the
 * extended protocol.
 */
class LoadBalanceOffIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1, pg -> "load_balance_mode = off\n");

    private static Connection connect(String options) throws SQLException {
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres") + options, "postgres", "");
    }

    private static String port(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT inet_server_port()::text")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    @Test
    void everyStatementRunsOnThePrimaryAndSelectCntCountsTheSelects() throws SQLException {
        String primaryPort = String.valueOf(proxy.cluster().port(0));
        long primaryBefore = proxy.selectCount(0);
        long standbyBefore = proxy.selectCount(1);

        try (Connection c = connect("?preferQueryMode=simple"); Statement st = c.createStatement()) {
            for (int i = 0; i < 3; i++) {
                assertEquals(primaryPort, port(st), "a read runs on the primary");   // counted: 3
            }
            st.execute("CREATE TEMP TABLE t (x int)");
            st.execute("INSERT INTO t VALUES (1)");
            st.execute("SET application_name = 'lb-off'");
            for (String select : List.of("SELECT x FROM t", "SELECT x FROM t FOR UPDATE", "/* a comment */ VALUES (1)",
                    "TABLE t", "(SELECT 1)", "WITH r AS (SELECT 1) SELECT * FROM r")) {
                assertTrue(st.execute(select), select);                                // counted: 6
            }
            st.execute("WITH w AS (INSERT INTO t VALUES (2) RETURNING x) SELECT x FROM w");   // counted: 1
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {          // counted: 1
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1), "the session's temporary table has both rows");
            }
        }
        assertEquals(11, proxy.selectCount(0) - primaryBefore, "select_cnt of the primary, simple protocol");

        long afterSimple = proxy.selectCount(0);
        try (Connection c = connect(""); PreparedStatement ps = c.prepareStatement("SELECT inet_server_port() + ?")) {
            for (int i = 0; i < 8; i++) {     // pgjdbc switches to a named server-side statement at the 5th
                ps.setInt(1, i);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(proxy.cluster().port(0) + i, rs.getInt(1), "a prepared read runs on the primary");
                }
            }
            try (PreparedStatement insert = c.prepareStatement("CREATE TEMP TABLE u AS SELECT ? AS x")) {
                insert.setInt(1, 1);
                insert.execute();
            }
        }
        assertEquals(8, proxy.selectCount(0) - afterSimple, "select_cnt of the primary, extended protocol");
        assertEquals(standbyBefore, proxy.selectCount(1), "the standby got no statement");
    }
}
