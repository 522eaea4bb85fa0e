package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** node-count, node-info, proc-info and health-check-stats end to end: pcp_* text, -v text, JSON, exit codes. */
class AdminQueryCommandsTest extends AdminCommandTestBase {
    private static final String NODE0_LINE =
            "db0.example 5432 2 0.500000 up up primary primary 0 none none 2024-05-01 10:00:00\n";
    private static final String NODE1_LINE = "db1.example 5433 3 0.250000 quarantine down standby unknown 123456789012"
            + " streaming async 2024-05-01 10:00:05\n";

    @Test
    void nodeCountPrintsANumber() {
        assertEquals(0, raftpool.run("node-count"));
        assertEquals("2\n", raftpool.out);
        assertEquals("", raftpool.err);
    }

    @Test
    void nodeCountVerbose() {
        assertEquals(0, raftpool.run("node-count", "-v"));
        assertEquals("Node Count\n____________\n 2\n", raftpool.out);
    }

    @Test
    void nodeCountJson() {
        assertEquals(0, raftpool.run("node-count", "--json"));
        assertEquals("{\"ok\":true,\"node_count\":2}\n", raftpool.out);
    }

    @Test
    void nodeInfoOfEveryNodeIsOneLineEach() {
        assertEquals(0, raftpool.run("node-info"));
        assertEquals(NODE0_LINE + NODE1_LINE, raftpool.out);
    }

    @Test
    void nodeInfoOfOneNodeByOptionOrArgument() {
        assertEquals(0, raftpool.run("node-info", "-n", "1"));
        assertEquals(NODE1_LINE, raftpool.out);
        assertEquals(0, raftpool.run("node-info", "0"));
        assertEquals(NODE0_LINE, raftpool.out);
    }

    @Test
    void nodeInfoVerboseHasATitleOnEachLine() {
        assertEquals(0, raftpool.run("node-info", "--verbose", "-n", "1"));
        assertEquals("""
                Hostname               : db1.example
                Port                   : 5433
                Status                 : 3
                Weight                 : 0.250000
                Status Name            : quarantine
                Backend Status Name    : down
                Role                   : standby
                Backend Role           : unknown
                Replication Delay      : 123456789012
                Replication State      : streaming
                Replication Sync State : async
                Last Status Change     : 2024-05-01 10:00:05

                """, raftpool.out);
    }

    @Test
    void nodeInfoJson() {
        assertEquals(0, raftpool.run("node-info", "-n", "0", "--json"));
        assertEquals("{\"ok\":true,\"nodes\":[{\"id\":0,\"hostname\":\"db0.example\",\"port\":5432,\"status\":2,"
                + "\"weight\":0.5,\"status_name\":\"up\",\"backend_status_name\":\"up\",\"role\":\"primary\","
                + "\"backend_role\":\"primary\",\"replication_delay\":0,\"replication_state\":\"\","
                + "\"replication_sync_state\":\"\",\"last_status_change\":\"2024-05-01 10:00:00\"}]}\n",
                raftpool.out);
    }

    @Test
    void nodeInfoWithNoNodes() {
        raftpool.admin.nodes = List.of();
        assertEquals(0, raftpool.run("node-info"));
        assertEquals("No node information available\n\n", raftpool.out);
    }

    @Test
    void nodeInfoOfAnUnknownNodeFails() {
        assertEquals(1, raftpool.run("node-info", "-n", "7"));
        assertEquals("", raftpool.out);
        assertEquals("ERROR: node id 7 does not exist\n", raftpool.err);
    }

    @Test
    void procInfo() {
        assertEquals(0, raftpool.run("proc-info"));
        assertEquals("app alice 2024-05-01 11:00:00 4711 1 psql Execute command\n", raftpool.out);
    }

    @Test
    void procInfoVerbose() {
        assertEquals(0, raftpool.run("proc-info", "-v"));
        assertEquals("""
                Database          : app
                Username          : alice
                Start time        : 2024-05-01 11:00:00
                PID               : 4711
                Load balance node : 1
                Application name  : psql
                Status            : Execute command

                """, raftpool.out);
    }

    @Test
    void procInfoJson() {
        assertEquals(0, raftpool.run("proc-info", "--json"));
        assertEquals("{\"ok\":true,\"processes\":[{\"process_id\":4711,\"database\":\"app\",\"user\":\"alice\","
                + "\"start_time\":\"2024-05-01 11:00:00\",\"status\":\"Execute command\",\"load_balance_node\":1,"
                + "\"application_name\":\"psql\"}]}\n", raftpool.out);
    }

    @Test
    void procInfoWithNoSessions() {
        raftpool.admin.processes = List.of();
        assertEquals(0, raftpool.run("proc-info"));
        assertEquals("No process information available\n\n", raftpool.out);
    }

    @Test
    void healthCheckStatsOfOneNode() {
        assertEquals(0, raftpool.run("health-check-stats", "-n", "0"));
        assertEquals("0 db0.example 5432 up primary 2024-05-01 10:00:00 10 9 1 0 2 0.200000 1 15 1 3.500000"
                + " 2024-05-01 12:00:00 2024-05-01 12:00:00  2024-05-01 11:59:00\n", raftpool.out);
    }

    @Test
    void healthCheckStatsOfEveryNode() {
        assertEquals(0, raftpool.run("health-check-stats"));
        assertEquals(2, raftpool.out.lines().count(), raftpool.out);
        assertEquals("1 db1.example 5433 down standby 2024-05-01 10:00:05 3 0 3 0 0 0.000000 0 0 0 0.000000"
                + " 2024-05-01 12:00:00   2024-05-01 12:00:00", raftpool.out.lines().toList().get(1));
    }

    @Test
    void healthCheckStatsVerbose() {
        assertEquals(0, raftpool.run("health-check-stats", "-v", "0"));
        assertEquals("""
                Node Id                       : 0
                Host Name                     : db0.example
                Port                          : 5432
                Status                        : up
                Role                          : primary
                Last Status Change            : 2024-05-01 10:00:00
                Total Count                   : 10
                Success Count                 : 9
                Fail Count                    : 1
                Skip Count                    : 0
                Retry Count                   : 2
                Average Retry Count           : 0.200000
                Max Retry Count               : 1
                Max Health Check Duration     : 15
                Minimum Health Check Duration : 1
                Average Health Check Duration : 3.500000
                Last Health Check             : 2024-05-01 12:00:00
                Last Successful Health Check  : 2024-05-01 12:00:00
                Last Skip Health Check        :\s
                Last Failed Health Check      : 2024-05-01 11:59:00

                """, raftpool.out);
    }

    @Test
    void healthCheckStatsJson() {
        assertEquals(0, raftpool.run("health-check-stats", "-n", "1", "--json"));
        assertEquals("{\"ok\":true,\"nodes\":[{\"node_id\":1,\"hostname\":\"db1.example\",\"port\":5433,"
                + "\"status\":\"down\",\"role\":\"standby\",\"last_status_change\":\"2024-05-01 10:00:05\","
                + "\"total_count\":3,\"success_count\":0,\"fail_count\":3,\"skip_count\":0,\"retry_count\":0,"
                + "\"average_retry_count\":0.0,\"max_retry_count\":0,\"max_duration_millis\":0,"
                + "\"min_duration_millis\":0,\"average_duration_millis\":0.0,"
                + "\"last_health_check\":\"2024-05-01 12:00:00\",\"last_successful_health_check\":\"\","
                + "\"last_skip_health_check\":\"\",\"last_failed_health_check\":\"2024-05-01 12:00:00\"}]}\n",
                raftpool.out);
    }
}
