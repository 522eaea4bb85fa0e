package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.watchdog.admin.AdminException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The subcommands that act, end to end: what reaches the cluster, pcp_*'s success line, JSON, exit codes. */
class AdminActionCommandsTest extends AdminCommandTestBase {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "attach-node -n 1        | attach 1               | pcp_attach_node",
        "attach-node 1           | attach 1               | pcp_attach_node",
        "detach-node -n 0        | detach 0               | pcp_detach_node",
        "detach-node -g -n 0     | detach 0 gracefully    | pcp_detach_node",
        "promote-node -n 1       | promote 1              | pcp_promote_node",
        "promote-node -s -n 1    | promote 1 switchover   | pcp_promote_node",
        "recovery-node -n 1      | recover 1              | pcp_recovery_node",
        "reload                  | reload                 | pcp_reload_config",
        "stop                    | stop SMART             | pcp_stop_pgpool",
        "stop -m fast            | stop FAST              | pcp_stop_pgpool",
        "stop -m i               | stop IMMEDIATE         | pcp_stop_pgpool",
        "stop --mode=smart       | stop SMART             | pcp_stop_pgpool"})
    void eachActionReachesTheClusterAndPrintsThePcpSuccessLine(String args, String call, String pcpName) {
        String[] words = args.split(" +");
        assertEquals(0, raftpool.run(words[0], java.util.Arrays.copyOfRange(words, 1, words.length)), raftpool.err);
        assertEquals(List.of(call), raftpool.admin.calls);
        assertEquals(pcpName + " -- Command Successful\n", raftpool.out);
        assertEquals("", raftpool.err);
    }

    @Test
    void verboseAlsoPrintsWhatRaftpoolSaid() {
        assertEquals(0, raftpool.run("reload", "-v"));
        assertEquals("pcp_reload_config -- Command Successful\nnum_init_children needs a restart\n", raftpool.out);
    }

    @Test
    void jsonHasWhatRaftpoolSaid() {
        assertEquals(0, raftpool.run("recovery-node", "-n", "1", "--json"));
        assertEquals("{\"ok\":true,\"message\":\"node 1 recovered\"}\n", raftpool.out);
    }

    @Test
    void aRefusalIsAnErrorWithExitStatusOne() {
        raftpool.admin.refusal = new AdminException(AdminException.Kind.FAILED_PRECONDITION,
                "node 1 is already attached");
        assertEquals(1, raftpool.run("attach-node", "-n", "1"));
        assertEquals("", raftpool.out);
        assertEquals("ERROR: node 1 is already attached\n", raftpool.err);
    }

    @Test
    void aRefusalInJsonIsAlsoADocument() {
        raftpool.admin.refusal = new AdminException(AdminException.Kind.UNAVAILABLE, "no quorum: 1 of 3 watchdogs");
        assertEquals(1, raftpool.run("promote-node", "-n", "1", "--json"));
        assertEquals("{\"ok\":false,\"error\":{\"reason\":\"unavailable\",\"message\":\"no quorum: 1 of 3 watchdogs\"}}\n",
                raftpool.out);
        assertEquals("ERROR: no quorum: 1 of 3 watchdogs\n", raftpool.err);
    }

    @Test
    void aMissingNodeIdIsAUsageError() {
        assertEquals(2, raftpool.run("attach-node"));
        assertTrue(raftpool.err.startsWith("missing node id: give it with -n NODE_ID\n"), raftpool.err);
        assertTrue(raftpool.err.contains("Usage: raftpool attach-node"), raftpool.err);
        assertEquals(List.of(), raftpool.admin.calls);
    }

    @Test
    void aNodeIdOutOfRangeIsAUsageError() {
        assertEquals(2, raftpool.run("detach-node", "-n", "128"));
        assertTrue(raftpool.err.startsWith("invalid node id \"128\": it must be between 0 and 127\n"), raftpool.err);
        assertEquals(List.of(), raftpool.admin.calls);
    }

    @Test
    void anUnknownStopModeIsAUsageError() {
        assertEquals(2, raftpool.run("stop", "-m", "now"));
        assertTrue(raftpool.err.startsWith("invalid shutdown mode \"now\": it must be smart, fast or immediate\n"),
                raftpool.err);
        assertEquals(List.of(), raftpool.admin.calls);
    }
}
