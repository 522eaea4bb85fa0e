package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import io.raftpool.watchdog.admin.HealthCheckInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code raftpool health-check-stats [-n NODE_ID]}: health-check statistics, as pcp_health_check_stats prints them. */
@Command(name = "health-check-stats", description = "Display the health-check statistics of a backend node, or of "
        + "every node when no node id is given (pcp_health_check_stats).")
final class HealthCheckStatsCommand extends AdminCommand {

    @Mixin
    NodeIdOption nodeId;

    @Override
    void validate() {
        nodeId.get(spec.commandLine());
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
        List<HealthCheckInfo> stats = client.healthCheckStats(nodeId.get(spec.commandLine()));
        if (options.json) {
            Map<String, Object> document = AdminJson.ok();
            document.put("nodes", stats.stream().map(AdminJson::healthCheck).toList());
            printJson(out, document);
        } else {
            stats.forEach(h -> out.print(PcpText.healthCheck(h, options.verbose)));
        }
    }
}
