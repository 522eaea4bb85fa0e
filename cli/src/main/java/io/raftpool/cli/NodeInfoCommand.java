package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import io.raftpool.watchdog.admin.NodeInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code raftpool node-info [-n NODE_ID]}: one backend or all, as pcp_node_info prints them. */
@Command(name = "node-info", description = "Display the information of a backend node, or of every node when "
        + "no node id is given (pcp_node_info).")
final class NodeInfoCommand extends AdminCommand {

    @Mixin
    NodeIdOption nodeId;

    @Option(names = {"-a", "--all"}, description = "also display nodes with no host name (unused slots)")
    boolean all;

    @Override
    void validate() {
        nodeId.get(spec.commandLine());
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
        OptionalInt id = nodeId.get(spec.commandLine());
        List<NodeInfo> nodes = client.nodeInfo(id).stream()
                .filter(n -> all || id.isPresent() || !n.hostname().isEmpty()).toList();
        if (options.json) {
            Map<String, Object> document = AdminJson.ok();
            document.put("nodes", nodes.stream().map(AdminJson::node).toList());
            printJson(out, document);
        } else if (nodes.isEmpty()) {
            out.print(PcpText.NO_NODE_INFORMATION);
        } else {
            nodes.forEach(n -> out.print(PcpText.node(n, options.verbose)));
        }
    }
}
