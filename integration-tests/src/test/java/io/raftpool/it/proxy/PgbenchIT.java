package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** pgbench through raftpool, in each query mode, completes every transaction without an error. */
class PgbenchIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(2, pg -> "");

    private static String run(String... args) throws Exception {
        return Pgbench.run("127.0.0.1", proxy.raftpool().port(), args);
    }

    @BeforeAll
    static void initialise() throws Exception {
        run("-i", "-s", "1", "-q");
        // select-only runs read on the standbys: they must have the tables first
        for (int standby = 1; standby < proxy.cluster().nodeCount(); standby++) {
            proxy.cluster().waitForReplay(standby);
        }
    }

    @ParameterizedTest(name = "-M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void tpcbRunsWithoutErrors(String mode) throws Exception {
        String out = run("-M", mode, "-c", "4", "-j", "2", "-t", "200");
        assertEquals(800, processed(out), out);
        assertTrue(out.contains("number of failed transactions: 0"), out);
    }

    @ParameterizedTest(name = "-S -M {0}")
    @ValueSource(strings = {"simple", "extended", "prepared"})
    void selectOnlyRunsWithoutErrors(String mode) throws Exception {
        String out = run("-S", "-M", mode, "-c", "4", "-j", "2", "-t", "500");
        assertEquals(2000, processed(out), out);
    }

    @Test
    void newConnectionPerTransaction() throws Exception {
        String out = run("-S", "-C", "-c", "2", "-t", "100");
        assertEquals(200, processed(out), out);
    }

    private static int processed(String out) {
        return Pgbench.processed(out);
    }
}
