package io.raftpool.it.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves the harness against real PostgreSQL: replication, a standby crash and restart, and a failover.
 * The tests share one cluster and run in order, the failover (which changes the topology for good) last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgClusterIT {

    @RegisterExtension
    static final PgClusterExtension pg = PgClusterExtension.withStandbys(2);

    @Test
    @Order(1)
    void rowsWrittenOnThePrimaryAreVisibleOnEveryStandby() throws Exception {
        PgCluster c = pg.cluster();
        assertEquals(3, c.nodeCount());
        assertEquals(0, c.primary());
        for (int node = 0; node < c.nodeCount(); node++) {
            assertEquals(String.valueOf(c.port(node)), c.query(node, "SELECT inet_server_port()"));
            assertEquals("127.0.0.1", c.query(node, "SHOW listen_addresses"));
            assertEquals(c.socketDir().toString(), c.query(node, "SHOW unix_socket_directories"));
        }

        c.execute(0, "CREATE TABLE fruit (id int PRIMARY KEY, name text NOT NULL)");
        c.execute(0, "INSERT INTO fruit VALUES (1, 'apple'), (2, 'banana'), (3, 'cherry')");

        assertEquals("f", c.query(0, "SELECT pg_is_in_recovery()"));
        for (int standby = 1; standby <= 2; standby++) {
            c.waitForReplay(standby);
            assertEquals("t", c.query(standby, "SELECT pg_is_in_recovery()"));
            assertEquals("apple,banana,cherry",
                    c.query(standby, "SELECT string_agg(name, ',' ORDER BY id) FROM fruit"));
        }
        assertEquals("node1,node2", c.query(0, "SELECT string_agg(application_name, ',' ORDER BY application_name) "
                + "FROM pg_stat_replication WHERE state = 'streaming'"));
        SQLException readOnly = assertThrows(SQLException.class,
                () -> c.execute(1, "INSERT INTO fruit VALUES (4, 'date')"));
        assertEquals("25006", readOnly.getSQLState(), "a standby must refuse writes as read-only");
    }

    @Test
    @Order(2)
    void aStandbyStoppedImmediatelyComesBackAndCatchesUp() throws Exception {
        PgCluster c = pg.cluster();
        c.execute(0, "CREATE TABLE outage (id serial PRIMARY KEY, note text NOT NULL)");
        c.waitForReplay(1);

        c.stop(1, StopMode.IMMEDIATE);
        assertFalse(c.isRunning(1));
        assertThrows(SQLException.class, () -> {
            try (Connection ignored = c.connect(1)) {
                // connecting must fail
            }
        });
        c.execute(0, "INSERT INTO outage (note) VALUES ('while node1 was down')");

        c.start(1);
        assertTrue(c.isRunning(1));
        c.execute(0, "INSERT INTO outage (note) VALUES ('after node1 came back')");
        c.waitForReplay(1);
        assertEquals("while node1 was down,after node1 came back",
                c.query(1, "SELECT string_agg(note, ',' ORDER BY id) FROM outage"));
        assertEquals("t", c.query(1, "SELECT pg_is_in_recovery()"));
        assertEquals(0, c.primary());
    }

    @Test
    @Order(3)
    void aPromotedStandbyTakesWritesAndTheOtherStandbyFollowsIt() throws Exception {
        PgCluster c = pg.cluster();
        c.execute(0, "CREATE TABLE ledger (id int PRIMARY KEY, note text NOT NULL)");
        c.execute(0, "INSERT INTO ledger VALUES (1, 'before failover')");
        c.waitForReplay(1);
        c.waitForReplay(2);

        c.stop(0, StopMode.IMMEDIATE);
        assertFalse(c.isRunning(0));
        c.promote(1);
        assertEquals(1, c.primary());
        c.execute(1, "INSERT INTO ledger VALUES (2, 'after failover')");

        c.follow(2, 1);
        c.waitForReplay(2);
        assertEquals("before failover,after failover",
                c.query(2, "SELECT string_agg(note, ',' ORDER BY id) FROM ledger"));
        assertEquals("t", c.query(2, "SELECT pg_is_in_recovery()"));
        assertEquals("2", c.query(2, "SELECT received_tli FROM pg_stat_wal_receiver"),
                "node2 must have moved to the promoted node's new timeline");
        assertEquals("node2", c.query(1, "SELECT string_agg(application_name, ',') FROM pg_stat_replication "
                + "WHERE state = 'streaming'"));
    }
}
