package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import io.raftpool.watchdog.admin.WatchdogInfo;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code raftpool watchdog-info [-v] [--json]}: the watchdog cluster, as pcp_watchdog_info prints it. */
@Command(name = "watchdog-info", description = "Display the watchdog cluster as the member asked sees it: quorum,"
        + " leader, escalation and every member (pcp_watchdog_info), with the Raft term and commit index.")
final class WatchdogInfoCommand extends AdminCommand {

    @Override
    void run(AdminClient client, PrintWriter out) {
        WatchdogInfo info = client.watchdogInfo();
        if (options.json) {
            Map<String, Object> document = AdminJson.ok();
            document.put("watchdog", AdminJson.watchdog(info));
            printJson(out, document);
        } else {
            out.print(WatchdogText.info(info, options.verbose));
        }
    }
}
