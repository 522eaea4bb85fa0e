package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code raftpool promote-node -n NODE_ID [-s]}: promotes a standby, as pcp_promote_node does. */
@Command(name = "promote-node", description = "Promote a standby node to primary (pcp_promote_node).")
final class PromoteNodeCommand extends AdminActionCommand {

    @Mixin
    NodeIdOption nodeId;

    @Option(names = {"-s", "--switchover"}, description = "switch the primary over to the node: the current "
            + "primary is detached first")
    boolean switchover;

    @Override
    void validate() {
        nodeId.required(spec.commandLine());
    }

    /** A promotion is a failover: it takes as long as failover_command. */
    @Override
    Duration defaultTimeout() {
        return Duration.ofMinutes(5);
    }

    @Override
    String pcpName() {
        return "pcp_promote_node";
    }

    @Override
    String act(AdminClient client) {
        return client.promoteNode(nodeId.required(spec.commandLine()), switchover);
    }
}
