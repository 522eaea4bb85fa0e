package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** psql and pgjdbc sessions through a real raftpool in front of a primary and two standbys. */
class ProxySessionIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(2, pg -> "");

    private static Connection connect() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("prepareThreshold", "1");
        return DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), p);
    }

    @Test
    void simpleAndPreparedQueries() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 + 1, 'raftpool'::text")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getInt(1));
                assertEquals("raftpool", rs.getString(2));
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ?::int * 2")) {
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, i);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(i * 2, rs.getInt(1));
                    }
                }
            }
        }
    }

    @Test
    void writesGoToThePrimaryAndReplicate() throws SQLException {
        PgCluster pg = proxy.cluster();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS written (id int primary key, note text)");
            st.execute("INSERT INTO written VALUES (1, 'through raftpool') ON CONFLICT DO NOTHING");
        }
        assertEquals("through raftpool", pg.query(0, "SELECT note FROM written WHERE id = 1"));
        pg.waitForReplay(1);
        assertEquals("through raftpool", pg.query(1, "SELECT note FROM written WHERE id = 1"));
    }

    @Test
    void readAfterWriteInATransactionSeesTheWriteOnThePrimary() throws SQLException {
        PgCluster pg = proxy.cluster();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS raw_t (id int)");
            c.setAutoCommit(false);
            st.execute("INSERT INTO raw_t VALUES (42)");
            try (ResultSet rs = st.executeQuery("SELECT count(*), inet_server_port() FROM raw_t WHERE id = 42")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1), "the transaction must see its own write");
                assertEquals(pg.port(0), rs.getInt(2), "a read after a write in a transaction goes to the primary");
            }
            c.rollback();
        }
    }

    @Test
    void errorsInsideATransactionAndRecovery() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SELECT 1");
            SQLException e = assertThrows(SQLException.class, () -> st.execute("SELECT * FROM no_such_table"));
            assertEquals("42P01", e.getSQLState());
            SQLException aborted = assertThrows(SQLException.class, () -> st.execute("SELECT 1"));
            assertEquals("25P02", aborted.getSQLState());
            c.rollback();
            try (ResultSet rs = st.executeQuery("SELECT 3")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
            }
            c.commit();
        }
    }

    @Test
    void copyInAndOut() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS copied (id int, name text)");
            // in one transaction: after its write, the COPY TO reads on the primary, not on a lagging standby
            c.setAutoCommit(false);
            st.execute("TRUNCATE copied");
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < 10000; i++) {
                in.append(i).append('\t').append("name ").append(i).append('\n');
            }
            assertEquals(10000, copy.copyIn("COPY copied FROM STDIN", new StringReader(in.toString())));
            StringWriter out = new StringWriter();
            assertEquals(10000, copy.copyOut("COPY (SELECT * FROM copied ORDER BY id) TO STDOUT", out));
            assertEquals(in.toString(), out.toString());
            c.commit();
        }
    }

    @Test
    void cancelStopsALongQuery() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            CompletableFuture<SQLException> running = CompletableFuture.supplyAsync(() -> {
                try {
                    st.execute("SELECT pg_sleep(60)");
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            });
            long start = System.nanoTime();
            io.raftpool.it.pg.Wait.until(java.time.Duration.ofSeconds(30), "the query to be cancelled", () -> {
                st.cancel();
                return running.isDone();
            });
            SQLException e = running.get(1, TimeUnit.SECONDS);
            assertEquals("57014", e == null ? null : e.getSQLState());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
            try (ResultSet rs = st.executeQuery("SELECT 'still usable'")) {
                assertTrue(rs.next());
            }
        }
    }

    @Test
    void psqlRunsAScript() throws Exception {
        Process p = new ProcessBuilder("psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                String.valueOf(proxy.raftpool().port()), "-U", "postgres", "-d", "postgres", "-At", "-c",
                "CREATE TEMP TABLE tt (x int); INSERT INTO tt VALUES (1), (2); SELECT sum(x) FROM tt;")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.strip().endsWith("3"), out);
    }

    @Test
    void psqlOverTheUnixSocket() throws Exception {
        Process p = new ProcessBuilder("psql", "-X", "-h", proxy.raftpool().dir().toString(), "-p",
                String.valueOf(proxy.raftpool().port()), "-U", "postgres", "-d", "postgres", "-At", "-c",
                "SELECT 'over the socket'").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("over the socket", out.strip());
    }

    @Test
    void showPoolNodesHasPgpoolColumnsAndTheRealPrimary() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW pool_nodes")) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i));
            }
            assertEquals(List.of("node_id", "hostname", "port", "status", "pg_status", "lb_weight", "role", "pg_role",
                    "select_cnt", "load_balance_node", "replication_delay", "replication_state",
                    "replication_sync_state", "last_status_change"), columns);
            List<String> roles = new ArrayList<>();
            while (rs.next()) {
                roles.add(rs.getString("role"));
                assertEquals("up", rs.getString("status"));
                assertEquals("0.333333", rs.getString("lb_weight"));
            }
            assertEquals(List.of("primary", "standby", "standby"), roles);
        }
    }

    @Test
    void sessionsReuseCachedBackendConnections() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS pidlog (x int)");
        }
        List<Integer> pids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "WITH w AS (INSERT INTO pidlog VALUES (1) RETURNING x) SELECT pg_backend_pid() FROM w")) {
                assertTrue(rs.next());
                pids.add(rs.getInt(1));
            }
        }
        // one pool per event loop, and a connection is reset before it is reused: not every session finds
        // one ready, but most do
        assertTrue(pids.stream().distinct().count() <= pids.size() / 2 + 1,
                "sessions one after another should reuse cached primary connections, pids " + pids);
    }

    @Test
    void pgpoolShowSetAndReset() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            assertEquals("off", single(st, "PGPOOL SHOW notice_per_node_statement"));
            st.execute("PGPOOL SET notice_per_node_statement = on");
            assertEquals("on", single(st, "PGPOOL SHOW notice_per_node_statement"));
            st.execute("SELECT 1");
            java.sql.SQLWarning w = st.getWarnings();
            assertTrue(w != null && w.getMessage().contains("statement: SELECT 1"), String.valueOf(w));
            st.execute("PGPOOL RESET notice_per_node_statement");
            assertEquals("off", single(st, "PGPOOL SHOW notice_per_node_statement"));
            SQLException e = assertThrows(SQLException.class, () -> st.execute("PGPOOL SET port = 1"));
            assertTrue(e.getMessage().contains("cannot be changed in a session"), e.getMessage());
            e = assertThrows(SQLException.class, () -> st.execute("PGPOOL SET log_statement = maybe"));
            assertTrue(e.getMessage().contains("invalid boolean \"maybe\""), e.getMessage());
            assertEquals(String.valueOf(proxy.raftpool().port()), single(st, "PGPOOL SHOW port"));
            assertTrue(single(st, "SHOW pool_version").contains("raftpool"));
        }
        try (Connection other = connect(); Statement st = other.createStatement()) {
            assertEquals("off", single(st, "PGPOOL SHOW notice_per_node_statement"), "SET is per session");
        }
    }

    @Test
    void showPoolProcessesListsTheSession() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW pool_processes")) {
            assertEquals("pool_pid", rs.getMetaData().getColumnName(1));
            boolean found = false;
            while (rs.next()) {
                found |= "postgres".equals(rs.getString("username")) && "postgres".equals(rs.getString("database"));
            }
            assertTrue(found);
        }
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
