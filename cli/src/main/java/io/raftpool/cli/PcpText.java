package io.raftpool.cli;

import io.raftpool.watchdog.admin.HealthCheckInfo;
import io.raftpool.watchdog.admin.NodeInfo;
import io.raftpool.watchdog.admin.ProcessInfo;
import java.util.List;
import java.util.Locale;

/**
 * The text the pcp_* tools of Pgpool-II 4.3 print, line for line: one line of values separated by spaces, or
 * with {@code -v} one "Title : value" line per field, titles padded to the longest, and a blank line after
 * each record. Numbers print as C's printf does ({@code %f} for the weights and averages).
 */
final class PcpText {

    private static final List<String> NODE_TITLES = List.of("Hostname", "Port", "Status", "Weight", "Status Name",
            "Backend Status Name", "Role", "Backend Role", "Replication Delay", "Replication State",
            "Replication Sync State", "Last Status Change");

    private static final List<String> HEALTH_CHECK_TITLES = List.of("Node Id", "Host Name", "Port", "Status", "Role",
            "Last Status Change", "Total Count", "Success Count", "Fail Count", "Skip Count", "Retry Count",
            "Average Retry Count", "Max Retry Count", "Max Health Check Duration", "Minimum Health Check Duration",
            "Average Health Check Duration", "Last Health Check", "Last Successful Health Check",
            "Last Skip Health Check", "Last Failed Health Check");

    /**
     * pcp_proc_info's titles for the fields a raftpool session has (a raftpool session is not a child
     * process with a pool of backend connections, so the pool's counters and times have no value here).
     */
    private static final List<String> PROCESS_TITLES = List.of("Database", "Username", "Start time", "PID",
            "Load balance node", "Application name", "Status");

    static final String NO_NODE_INFORMATION = "No node information available\n\n";
    static final String NO_PROCESS_INFORMATION = "No process information available\n\n";

    private PcpText() {
    }

    /** pcp_node_count: the number, or with -v under a heading. */
    static String nodeCount(int count, boolean verbose) {
        return verbose ? "Node Count\n____________\n " + count + "\n" : count + "\n";
    }

    /** pcp_node_info's text for one node. */
    static String node(NodeInfo n, boolean verbose) {
        List<String> values = List.of(n.hostname(), Integer.toString(n.port()), Integer.toString(n.status()),
                printfF(n.weight()), n.statusName(), n.backendStatusName(), n.role(), n.backendRole(),
                Long.toUnsignedString(n.replicationDelay()), orNone(n.replicationState()),
                orNone(n.replicationSyncState()), n.lastStatusChange());
        return verbose ? titled(NODE_TITLES, values) : String.join(" ", values) + "\n";
    }

    /** pcp_health_check_stats' text for one node. */
    static String healthCheck(HealthCheckInfo h, boolean verbose) {
        List<String> values = List.of(Integer.toString(h.nodeId()), h.hostname(), Integer.toString(h.port()),
                h.status(), h.role(), h.lastStatusChange(), Long.toString(h.totalCount()),
                Long.toString(h.successCount()), Long.toString(h.failCount()), Long.toString(h.skipCount()),
                Long.toString(h.retryCount()), printfF(h.averageRetryCount()), Long.toString(h.maxRetryCount()),
                Long.toString(h.maxDurationMillis()), Long.toString(h.minDurationMillis()),
                printfF(h.averageDurationMillis()), h.lastHealthCheck(), h.lastSuccessfulHealthCheck(),
                h.lastSkipHealthCheck(), h.lastFailedHealthCheck());
        return verbose ? titled(HEALTH_CHECK_TITLES, values) : String.join(" ", values) + "\n";
    }

    /** pcp_proc_info's text for one session, with the fields a session has (see {@link #PROCESS_TITLES}). */
    static String process(ProcessInfo p, boolean verbose) {
        List<String> values = List.of(p.database(), p.user(), p.startTime(), Integer.toString(p.processId()),
                Integer.toString(p.loadBalanceNode()), p.applicationName(), p.status());
        return verbose ? titled(PROCESS_TITLES, values) : String.join(" ", values) + "\n";
    }

    /** The success line of the pcp commands that only act, such as "pcp_attach_node -- Command Successful". */
    static String commandSuccessful(String pcpName) {
        return pcpName + " -- Command Successful\n";
    }

    private static String titled(List<String> titles, List<String> values) {
        int width = titles.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < titles.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s : %s\n", titles.get(i), values.get(i)));
        }
        return sb.append('\n').toString();
    }

    private static String printfF(double value) {
        return String.format(Locale.ROOT, "%f", value);
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "none" : value;
    }
}
