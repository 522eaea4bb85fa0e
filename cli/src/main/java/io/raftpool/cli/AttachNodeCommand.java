package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code raftpool attach-node -n NODE_ID}: attaches a node, as pcp_attach_node does. */
@Command(name = "attach-node", description = "Attach a backend node to raftpool (pcp_attach_node).")
final class AttachNodeCommand extends AdminActionCommand {

    @Mixin
    NodeIdOption nodeId;

    @Override
    void validate() {
        nodeId.required(spec.commandLine());
    }

    @Override
    String pcpName() {
        return "pcp_attach_node";
    }

    @Override
    String act(AdminClient client) {
        return client.attachNode(nodeId.required(spec.commandLine()));
    }
}
