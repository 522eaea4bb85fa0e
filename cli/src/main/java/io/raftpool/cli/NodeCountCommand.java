package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code raftpool node-count}: the number of backends, as pcp_node_count prints it. */
@Command(name = "node-count", description = "Display the total number of backend nodes raftpool controls "
        + "(pcp_node_count).")
final class NodeCountCommand extends AdminCommand {

    @Override
    void run(AdminClient client, PrintWriter out) {
        int count = client.nodeCount();
        if (options.json) {
            Map<String, Object> document = AdminJson.ok();
            document.put("node_count", count);
            printJson(out, document);
        } else {
            out.print(PcpText.nodeCount(count, options.verbose));
        }
    }
}
