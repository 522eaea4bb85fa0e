package io.raftpool.cli;

import io.raftpool.watchdog.admin.WatchdogInfo;
import io.raftpool.watchdog.admin.WatchdogMember;

/**
 * The watchdog information as pcp_watchdog_info prints it (Pgpool-II 4.3), so that scripts that read its
 * output read ours; raftpool's additions (Raft term, indexes, escalation record) come after, in the verbose
 * form only.
 */
final class WatchdogText {

    private WatchdogText() {
    }

    static String info(WatchdogInfo w, boolean verbose) {
        StringBuilder sb = new StringBuilder();
        if (verbose) {
            sb.append("Watchdog Cluster Information \n");
            line(sb, "Total Nodes              ", w.totalNodes());
            line(sb, "Remote Nodes             ", w.remoteNodes());
            line(sb, "Member Remote Nodes      ", w.memberRemoteNodes());
            line(sb, "Alive Remote Nodes       ", w.aliveRemoteNodes());
            line(sb, "Nodes required for quorum", w.nodesRequiredForQuorum());
            line(sb, "Quorum state             ", w.quorumState());
            line(sb, "Local node escalation    ", w.localEscalated() ? "YES" : "NO");
            line(sb, "Leader Node Name         ", w.leaderNodeName());
            line(sb, "Leader Host Name         ", w.leaderHostName());
            line(sb, "Raft term                ", w.raftTerm());
            line(sb, "Raft commit index        ", w.commitIndex());
            line(sb, "Applied index            ", w.appliedIndex());
            line(sb, "Quorum members           ", w.quorumNodes());
            line(sb, "Escalated member         ", w.escalatedMember() < 0 ? "none"
                    : w.escalatedMember() + " (term " + w.escalationTerm() + ")");
            sb.append('\n');
            sb.append("Watchdog Node Information \n");
            for (WatchdogMember m : w.members()) {
                line(sb, "Node Name         ", m.nodeName());
                line(sb, "Host Name         ", m.hostName());
                line(sb, "Delegate IP       ", m.delegateIp());
                line(sb, "Pgpool port       ", m.pgpoolPort());
                line(sb, "Watchdog port     ", m.wdPort());
                line(sb, "Node priority     ", m.priority());
                line(sb, "Status            ", m.status());
                line(sb, "Status Name       ", m.statusName());
                line(sb, "Membership Status ", m.membershipStatusName());
                sb.append('\n');
            }
        } else {
            sb.append(w.totalNodes()).append(' ').append(w.memberRemoteNodes() + 1).append(' ')
                    .append(w.localEscalated() ? "YES" : "NO").append(' ').append(w.leaderNodeName()).append(' ')
                    .append(w.leaderHostName()).append("\n\n");
            for (WatchdogMember m : w.members()) {
                sb.append(m.nodeName()).append(' ').append(m.hostName()).append(' ').append(m.pgpoolPort()).append(' ')
                        .append(m.wdPort()).append(' ').append(m.status()).append(' ').append(m.statusName())
                        .append(' ').append(m.membershipStatus()).append(' ').append(m.membershipStatusName())
                        .append('\n');
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String title, Object value) {
        sb.append(title).append(": ").append(value).append('\n');
    }
}
