package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code raftpool detach-node -n NODE_ID [-g]}: detaches a node, as pcp_detach_node does. */
@Command(name = "detach-node", description = "Detach a backend node from raftpool, failing over if it is the "
        + "primary (pcp_detach_node).")
final class DetachNodeCommand extends AdminActionCommand {

    @Mixin
    NodeIdOption nodeId;

    @Option(names = {"-g", "--gracefully"}, description = "wait until the sessions using the node have ended")
    boolean gracefully;

    @Override
    void validate() {
        nodeId.required(spec.commandLine());
    }

    /** A graceful detach waits for sessions, and a failover may follow. */
    @Override
    Duration defaultTimeout() {
        return Duration.ofMinutes(5);
    }

    @Override
    String pcpName() {
        return "pcp_detach_node";
    }

    @Override
    String act(AdminClient client) {
        return client.detachNode(nodeId.required(spec.commandLine()), gracefully);
    }
}
