package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code raftpool recovery-node -n NODE_ID}: online recovery of a node, as pcp_recovery_node does. */
@Command(name = "recovery-node", description = "Recover a detached backend node online and attach it "
        + "(pcp_recovery_node).")
final class RecoveryNodeCommand extends AdminActionCommand {

    @Mixin
    NodeIdOption nodeId;

    @Override
    void validate() {
        nodeId.required(spec.commandLine());
    }

    /** Online recovery copies a whole database cluster. */
    @Override
    Duration defaultTimeout() {
        return Duration.ofHours(1);
    }

    @Override
    String pcpName() {
        return "pcp_recovery_node";
    }

    @Override
    String act(AdminClient client) {
        return client.recoveryNode(nodeId.required(spec.commandLine()));
    }
}
