package io.raftpool.watchdog;

import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.FailoverOperation;
import io.raftpool.consensus.Member;
import io.raftpool.consensus.MemberStatus;
import io.raftpool.watchdog.ClusterEvents.Kind;

/** Turns each applied command's change of the cluster state into events, alike on every member. */
final class StateEvents {

    private StateEvents() {
    }

    static void publish(ClusterEvents events, ClusterState before, ClusterState after, ClusterCommand command,
            long term) {
        for (BackendState b : after.backends().values()) {
            BackendState old = before.backends().get(b.id());
            if (old != null && old.status() != b.status()) {
                events.publish(Kind.BACKEND_STATUS, "node " + b.id() + " is " + b.status() + ": " + b.reason(), term);
            }
        }
        if (before.primaryNodeId() != after.primaryNodeId()) {
            events.publish(Kind.PRIMARY_CHANGED, after.primaryNodeId() < 0 ? "there is no primary"
                    : "node " + after.primaryNodeId() + " is the primary", term);
        }
        for (FailoverOperation op : after.operations().values()) {
            FailoverOperation old = before.operations().get(op.id());
            if (old == null) {
                events.publish(Kind.FAILOVER_STARTED, "operation " + op.id() + ": " + op.kind() + " of node "
                        + op.nodeId() + " requested by " + op.requestedBy(), term);
            } else if (old.isUnfinished() && !op.isUnfinished()) {
                events.publish(Kind.FAILOVER_FINISHED, "operation " + op.id() + " (" + op.kind() + " of node "
                        + op.nodeId() + ") " + op.phase() + ": " + op.detail(), term);
            }
        }
        if (command instanceof ClusterCommand.FailoverVote v && after.votes().size() > before.votes().size()) {
            events.publish(Kind.FAILOVER_VOTE, "member " + v.memberId() + " votes for the failover of node "
                    + v.nodeId() + ": " + v.reason(), term);
        }
        for (Member m : after.members().values()) {
            Member old = before.members().get(m.id());
            MemberStatus was = old == null ? null : old.status();
            if (was == m.status()) {
                continue;
            }
            switch (m.status()) {
                case ALIVE -> events.publish(was == MemberStatus.LOST ? Kind.MEMBER_FOUND : Kind.MEMBER_JOINED,
                        "member " + m.id() + " (" + m.host() + ":" + m.proxyPort() + ") is alive", term);
                case LOST -> events.publish(Kind.MEMBER_LOST, "member " + m.id() + " is lost", term);
                case SHUTDOWN -> events.publish(Kind.MEMBER_SHUTDOWN, "member " + m.id() + " shut down", term);
            }
        }
    }
}
