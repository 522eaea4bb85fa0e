package io.raftpool.it.proxy;

import static io.raftpool.it.proxy.RawProtocol.answersUntil;
import static io.raftpool.it.proxy.RawProtocol.answersUntilReady;
import static io.raftpool.it.proxy.RawProtocol.loggedIn;
import static io.raftpool.it.proxy.RawProtocol.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * load_balance_mode = on: SHOW pool_nodes' select_cnt counts what Pgpool-II 4.3 counts, whichever node runs
 * the query: each SELECT (a locking one, one calling a writing function and one whose CTE writes included) on
 * the node that ran it, and no SET, DISCARD, SHOW or EXPLAIN, though those go to every node or may be balanced.
 */
class SelectCountIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1, pg -> "load_balance_mode = on\n");

    private static long total() throws SQLException {
        return proxy.selectCount(0) + proxy.selectCount(1);
    }

    @Test
    void selectsCountOnTheNodeThatRanThemAndNothingElseCounts() throws SQLException {
        String url = proxy.raftpool().jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(url + "?preferQueryMode=simple", "postgres", "");
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sc (x int)");
            st.execute("CREATE SEQUENCE sc_seq");
            long before = total();
            for (String other : List.of("SET application_name = 'counting'", "SHOW work_mem", "EXPLAIN SELECT 1",
                    "DISCARD ALL", "BEGIN; SELECT 1; COMMIT", "INSERT INTO sc VALUES (1)")) {
                st.execute(other);
            }
            assertEquals(before, total(), "no SELECT ran");

            long primary = proxy.selectCount(0);
            for (String onPrimary : List.of("SELECT x FROM sc FOR UPDATE", "SELECT nextval('sc_seq')",
                    "WITH w AS (INSERT INTO sc VALUES (2) RETURNING x) SELECT x FROM w")) {
                st.execute(onPrimary);
            }
            assertEquals(primary + 3, proxy.selectCount(0), "the SELECTs that must run on the primary counted there");

            before = total();
            for (String read : List.of("SELECT 1", "(SELECT 2)", "VALUES (3)", "SELECT 4; SELECT 5")) {
                st.execute(read);
            }
            assertEquals(before + 4, total(), "one count per query, the first statement deciding");
        }

        long before = total();
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement read = c.prepareStatement("SELECT ?::int");
                PreparedStatement write = c.prepareStatement("INSERT INTO sc VALUES (?)")) {
            for (int i = 0; i < 7; i++) {   // pgjdbc binds a named server-side statement from the 5th run on
                read.setInt(1, i);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                }
                write.setInt(1, i);
                write.executeUpdate();
            }
        }
        assertEquals(before + 7, total(), "each Execute of the prepared SELECT, none of the INSERT");
    }

    @Test
    void eachFetchFromAPortalCountsAsPgpoolCountsEachExecute() throws IOException, SQLException {
        long before = total();
        try (Socket s = loggedIn(proxy.raftpool().port())) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            message(out, 'P', "\0SELECT generate_series(1, 3)\0\0\0");
            message(out, 'B', "\0\0\0\0\0\0\0\0");
            message(out, 'E', "\0\0\0\0\1");      // one row at a time, as a cursor fetches
            message(out, 'H', "");
            out.flush();
            assertEquals(List.of("1", "2", "D 1", "s"), answersUntil(in, 's'));
            message(out, 'E', "\0\0\0\0\1");
            message(out, 'H', "");
            out.flush();
            assertEquals(List.of("D 2", "s"), answersUntil(in, 's'));
            message(out, 'E', "\0\0\0\0\0");
            message(out, 'S', "");
            out.flush();
            assertEquals(List.of("D 3", "C", "Z"), answersUntilReady(in));
        }
        assertEquals(before + 3, total(), "three Executes of the SELECT");
    }
}
