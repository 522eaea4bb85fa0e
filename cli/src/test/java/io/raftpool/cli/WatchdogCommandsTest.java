package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.watchdog.admin.ClusterEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** watchdog-info in pcp_watchdog_info's formats and JSON, and watch, end to end through the admin API. */
class WatchdogCommandsTest extends AdminCommandTestBase {

    @Test
    void watchdogInfoAsPcpWatchdogInfoPrintsIt() {
        assertEquals(0, raftpool.run("watchdog-info"));
        assertEquals("""
                3 3 YES pool0:9999 Linux pool0 pool0

                pool0:9999 Linux pool0 pool0 9999 9000 4 LEADER 0 MEMBER
                pool1:9999 Linux pool1 pool1 9999 9000 8 LOST 0 MEMBER
                """, raftpool.out);
    }

    @Test
    void watchdogInfoVerbose() {
        assertEquals(0, raftpool.run("watchdog-info", "-v"));
        assertTrue(raftpool.out.startsWith("""
                Watchdog Cluster Information\s
                Total Nodes              : 3
                Remote Nodes             : 2
                Member Remote Nodes      : 2
                Alive Remote Nodes       : 1
                Nodes required for quorum: 2
                Quorum state             : QUORUM IS ON THE EDGE
                Local node escalation    : YES
                Leader Node Name         : pool0:9999 Linux pool0
                Leader Host Name         : pool0
                Raft term                : 7
                Raft commit index        : 42
                Applied index            : 41
                Quorum members           : [0, 2]
                Escalated member         : 0 (term 7)

                Watchdog Node Information\s
                Node Name         : pool0:9999 Linux pool0
                Host Name         : pool0
                Delegate IP       : 10.0.0.100
                Pgpool port       : 9999
                Watchdog port     : 9000
                Node priority     : 3
                Status            : 4
                Status Name       : LEADER
                Membership Status : MEMBER
                """), raftpool.out);
    }

    @Test
    void watchdogInfoJson() {
        assertEquals(0, raftpool.run("watchdog-info", "--json"));
        assertTrue(raftpool.out.startsWith("{\"ok\":true,\"watchdog\":{\"total_nodes\":3,\"remote_nodes\":2,"), raftpool.out);
        assertTrue(raftpool.out.contains("\"raft_term\":7,\"commit_index\":42"), raftpool.out);
        assertTrue(raftpool.out.contains("{\"id\":1,\"node_name\":\"pool1:9999 Linux pool1\",\"host_name\":\"pool1\","
                + "\"delegate_ip\":\"10.0.0.100\",\"pgpool_port\":9999,\"wd_port\":9000,\"priority\":1,\"status\":8,"
                + "\"status_name\":\"LOST\""), raftpool.out);
    }

    @Test
    void watchPrintsEventsUntilTheStreamEnds() {
        raftpool.admin.events.add(new ClusterEvent(Instant.parse("2024-05-01T10:00:00Z"), "ESCALATED",
                "member 0 escalated under term 7", 7));
        raftpool.admin.events.add(new ClusterEvent(Instant.parse("2024-05-01T10:00:01Z"), "MEMBER_LOST",
                "member 1 is lost", 7));
        // The in-memory admin never ends the stream: --for ends the watch.
        assertEquals(0, raftpool.run("watch", "--json", "--for", "2"));
        assertTrue(raftpool.out.contains("{\"at_millis\":1714557600000,\"kind\":\"ESCALATED\","
                + "\"message\":\"member 0 escalated under term 7\",\"term\":7}\n"), raftpool.out + raftpool.err);
        assertTrue(raftpool.out.contains("\"kind\":\"MEMBER_LOST\""), raftpool.out);
    }
}
