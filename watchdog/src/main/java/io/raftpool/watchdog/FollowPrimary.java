package io.raftpool.watchdog;

import io.raftpool.conf.Params;
import io.raftpool.conf.command.CommandResult;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.NodeStatus;
import java.time.Duration;
import java.util.List;

/**
 * follow_primary_command for every attached standby after a new primary, as Pgpool-II runs it: the
 * standby is detached first; once the command succeeds and the node answers as a standby again, raftpool
 * attaches it (a script that attaches it itself, as Pgpool-II's sample does with pcp_attach_node, changes
 * nothing).
 */
final class FollowPrimary {

    private final FailoverExecutor executor;
    private final int newPrimary;
    private final int oldPrimary;

    FollowPrimary(FailoverExecutor executor, int newPrimary, int oldPrimary) {
        this.executor = executor;
        this.newPrimary = newPrimary;
        this.oldPrimary = oldPrimary;
    }

    /** Runs the command for each standby; returns a summary for the operation's record. */
    String run() {
        String template = executor.config().get(Params.FOLLOW_PRIMARY_COMMAND);
        if (template.isBlank()) {
            return "";
        }
        List<BackendState> standbys = executor.raft().state().backends().values().stream()
                .filter(b -> b.id() != newPrimary)
                .filter(b -> b.status() == NodeStatus.UP || b.status() == NodeStatus.WAITING).toList();
        StringBuilder summary = new StringBuilder();
        for (BackendState b : standbys) {
            executor.submit(new ClusterCommand.SetBackendStatus(b.id(), NodeStatus.DOWN,
                    "following the new primary " + newPrimary, System.currentTimeMillis()));
            CommandResult r = executor.runIfSet("follow_primary_command", template,
                    executor.placeholders(b.id(), newPrimary, oldPrimary, oldPrimary));
            boolean standby = r != null && r.succeeded() && waitForStandby(b.id());
            if (standby && executor.raft().state().backends().get(b.id()).status() == NodeStatus.DOWN) {
                executor.submit(new ClusterCommand.SetBackendStatus(b.id(), NodeStatus.UP,
                        "follows the new primary " + newPrimary, System.currentTimeMillis()));
            }
            summary.append("; node ").append(b.id()).append(standby ? " follows" : " left detached")
                    .append(FailoverExecutor.outcome(r));
        }
        return summary.toString();
    }

    private boolean waitForStandby(int nodeId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (executor.probeInRecovery(nodeId)) {
                return true;
            }
            FailoverExecutor.pause(Duration.ofMillis(200));
        }
        return false;
    }
}
