package io.raftpool.it.proxy;

import static io.raftpool.it.proxy.RawProtocol.answersUntilReady;
import static io.raftpool.it.proxy.RawProtocol.loggedIn;
import static io.raftpool.it.proxy.RawProtocol.message;
import static io.raftpool.it.proxy.RawProtocol.statement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PGPOOL and SHOW pool_* commands sent with the extended protocol as the last statement of a batch: behind
 * Close messages for earlier statements (as pgjdbc sends the Close of a statement it has dropped in front of
 * its next request) or behind pgjdbc's BEGIN, and run again from a named statement without a new Parse (as
 * pgjdbc does once a PreparedStatement has run prepareThreshold times). The proxy answers the command,
 * PostgreSQL what comes before it, in order, and the session goes on.
 */
class AdminCommandBatchIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(0, pg -> "");

    @Test
    void aPgpoolCommandBehindCloseMessagesIsAnsweredByTheProxy() throws IOException {
        try (Socket s = loggedIn(proxy.raftpool().port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());

            for (String name : List.of("S_1", "S_2", "S_3")) {
                message(out, 'C', "S" + name + "\0");
            }
            statement(out, "S_4", "PGPOOL SHOW port", true);
            message(out, 'S', "");
            out.flush();
            assertEquals(List.of("3", "3", "3", "1", "2", "T", "D " + proxy.raftpool().port(), "C", "Z"),
                    answersUntilReady(in), "CloseComplete x3, ParseComplete, BindComplete, the row, ReadyForQuery");

            message(out, 'Q', "SELECT 40 + 2\0");
            out.flush();
            assertEquals(List.of("T", "D 42", "C", "Z"), answersUntilReady(in), "the session goes on");
        }
    }

    @Test
    void aStatementClosedInFrontOfAPgpoolCommandIsClosedOnPostgresql() throws IOException {
        try (Socket s = loggedIn(proxy.raftpool().port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            message(out, 'P', "S_9\0SELECT 7\0\0\0");
            message(out, 'S', "");
            out.flush();
            assertEquals(List.of("1", "Z"), answersUntilReady(in));

            message(out, 'C', "SS_9\0");
            statement(out, "", "PGPOOL SHOW port", true);
            message(out, 'S', "");
            out.flush();
            assertEquals(List.of("3", "1", "2", "T", "D " + proxy.raftpool().port(), "C", "Z"), answersUntilReady(in));

            // as after any Close, the name is free again: PostgreSQL would say "already exists" had it kept S_9
            statement(out, "S_9", "SELECT 8", false);
            message(out, 'S', "");
            out.flush();
            assertEquals(List.of("1", "2", "D 8", "C", "Z"), answersUntilReady(in));
        }
    }

    @Test
    void aPgpoolCommandFirstInATransactionLeavesItsBeginToPostgresql() throws SQLException {
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "");
                PreparedStatement version = c.prepareStatement("SHOW pool_version");
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            assertEquals(1, column(version).size(), "pgjdbc sends its BEGIN in the same batch");
            st.execute("CREATE TEMP TABLE rolled_back (x int)");
            c.rollback();
            c.setAutoCommit(true);
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('pg_temp.rolled_back') IS NULL")) {
                assertTrue(rs.next());
                assertTrue(rs.getBoolean(1), "the table was created in the transaction that was rolled back");
            }
        }
    }

    @Test
    void aStatementFailingAheadOfAPgpoolCommandSkipsIt() throws IOException {
        try (Socket s = loggedIn(proxy.raftpool().port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            statement(out, "", "SELEC 1", false);
            statement(out, "", "PGPOOL SET log_statement = on", false);
            message(out, 'S', "");
            out.flush();
            List<String> answers = answersUntilReady(in);
            assertEquals(2, answers.size(), "the error, then ReadyForQuery: " + answers);
            assertTrue(answers.get(0).contains("syntax error"), answers.get(0));
            assertEquals("Z", answers.get(1));

            message(out, 'Q', "PGPOOL SHOW log_statement\0");
            out.flush();
            assertEquals(List.of("T", "D off", "C", "Z"), answersUntilReady(in), "the skipped SET did not take effect");
        }
    }

    @Test
    void aPreparedAdminCommandRunsAgainFromItsNamedStatement() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("prepareThreshold", "2");   // the 2nd run parses S_1, later runs only bind it
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), p);
                PreparedStatement port = c.prepareStatement("PGPOOL SHOW port");
                PreparedStatement version = c.prepareStatement("SHOW pool_version");
                PreparedStatement sum = c.prepareStatement("SELECT ?::int + 1")) {
            // in a transaction: outside one pgjdbc would hide a "does not exist" error by parsing again
            c.setAutoCommit(false);
            for (int i = 0; i < 6; i++) {
                assertEquals(List.of(String.valueOf(proxy.raftpool().port())), column(port), "PGPOOL SHOW port, run " + i);
                assertEquals(1, column(version).size(), "SHOW pool_version, run " + i);
                sum.setInt(1, i);
                assertEquals(List.of(String.valueOf(i + 1)), column(sum), "a statement of PostgreSQL's, run " + i);
            }
        }
    }

    @Test
    void deallocateAllAndDiscardAllDropPreparedAdminCommandsAsPostgresqlDropsItsOwn() throws IOException {
        for (String drop : List.of("DEALLOCATE ALL", "discard all")) {
            try (Socket s = loggedIn(proxy.raftpool().port())) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                DataInputStream in = new DataInputStream(s.getInputStream());
                statement(out, "S_2", "SELECT 7", false);
                statement(out, "S_1", "PGPOOL SHOW port", false);
                message(out, 'S', "");
                out.flush();
                String port = "D " + proxy.raftpool().port();
                assertEquals(List.of("1", "2", "D 7", "C", "1", "2", port, "C", "Z"), answersUntilReady(in),
                        "S_2 parsed by PostgreSQL, S_1 by the proxy");

                message(out, 'Q', drop + "\0");
                out.flush();
                assertEquals(List.of("C", "Z"), answersUntilReady(in), drop);

                for (String name : List.of("S_1", "S_2")) {
                    message(out, 'B', "\0" + name + "\0\0\0\0\0\0\0");
                    message(out, 'E', "\0\0\0\0\0");
                    message(out, 'S', "");
                    out.flush();
                    List<String> answers = answersUntilReady(in);
                    assertEquals(2, answers.size(), "after " + drop + ", the error, then ReadyForQuery: " + answers);
                    assertTrue(answers.get(0).contains("prepared statement \"" + name + "\" does not exist"),
                            "after " + drop + ": " + answers.get(0));
                }
            }
        }
    }

    @Test
    void aDiscardAllThatFailsDropsNothing() throws IOException {
        try (Socket s = loggedIn(proxy.raftpool().port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            statement(out, "S_1", "PGPOOL SHOW port", false);
            message(out, 'S', "");
            out.flush();
            String port = "D " + proxy.raftpool().port();
            assertEquals(List.of("1", "2", port, "C", "Z"), answersUntilReady(in));

            for (String sql : List.of("BEGIN", "DISCARD ALL", "ROLLBACK")) {
                message(out, 'Q', sql + "\0");
                out.flush();
                List<String> answers = answersUntilReady(in);
                boolean refused = answers.get(0).contains("cannot run inside a transaction block");
                assertEquals(sql.equals("DISCARD ALL"), refused, sql + ": " + answers);
            }

            message(out, 'B', "\0S_1\0\0\0\0\0\0\0");
            message(out, 'E', "\0\0\0\0\0");
            message(out, 'S', "");
            out.flush();
            assertEquals(List.of("2", port, "C", "Z"), answersUntilReady(in), "S_1 is still there, as on PostgreSQL");
        }
    }

    private static List<String> column(PreparedStatement ps) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
