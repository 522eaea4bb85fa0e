package io.raftpool.watchdog;

import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.WatchdogNodeConfig;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.Escalation;
import io.raftpool.consensus.Member;
import io.raftpool.consensus.MemberStatus;
import io.raftpool.consensus.RaftNode;
import io.raftpool.watchdog.admin.WatchdogInfo;
import io.raftpool.watchdog.admin.WatchdogMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the watchdog information (pcp_watchdog_info) from this member's Raft node and cluster state. */
final class WatchdogStatus {

    // Pgpool-II 4.3's watchdog state numbers (WD_STATES) for the states raftpool shows.
    static final int DEAD = 0;
    static final int JOINING = 2;
    static final int LEADER = 4;
    static final int PARTICIPATING = 5;
    static final int STANDBY = 7;
    static final int LOST = 8;
    static final int SHUTDOWN = 10;

    private final RaftNode raft;
    private final Supplier<Config> config;
    private volatile Watchdog watchdog;

    WatchdogStatus(RaftNode raft, Supplier<Config> config) {
        this.raft = raft;
        this.config = config;
    }

    void watchdog(Watchdog w) {
        this.watchdog = w;
    }

    WatchdogInfo info() {
        Config c = config.get();
        ClusterState s = raft.state();
        Watchdog w = watchdog;
        int self = c.nodeId();
        List<WatchdogNodeConfig> nodes = c.get(Params.USE_WATCHDOG) && !c.watchdogNodes().isEmpty()
                ? c.watchdogNodes()
                : List.of(new WatchdogNodeConfig(self, "localhost", c.get(Params.WD_PORT, self), c.get(Params.PORT)));
        Optional<Integer> leader = raft.leaderId();
        String vip = c.get(Params.DELEGATE_IP).isEmpty() ? "Not_Set" : c.get(Params.DELEGATE_IP);
        Escalation esc = s.escalation();
        List<WatchdogMember> members = new ArrayList<>();
        int alive = 0;
        for (WatchdogNodeConfig n : nodes) {
            Member m = s.members().get(n.id());
            int status = status(n.id(), m, leader, self, w);
            if (n.id() != self && m != null && m.alive()) {
                alive++;
            }
            boolean escalated = esc != null && esc.memberId() == n.id() && leader.equals(Optional.of(n.id()));
            members.add(new WatchdogMember(n.id(), nodeName(n), n.hostname(), vip, n.pgpoolPort(), n.wdPort(),
                    m == null ? (n.id() == self ? c.get(Params.WD_PRIORITY) : 0) : m.priority(), status,
                    statusName(status), 0, "MEMBER", n.id() == self, escalated,
                    raft.followerSilence(n.id()).map(d -> d.toMillis()).orElse(-1L)));
        }
        int needed = nodes.size() / 2 + 1;
        List<Integer> quorumNodes;
        int quorumStatus;
        if (leader.isEmpty()) {
            quorumNodes = List.of();
            quorumStatus = -2;
        } else {
            quorumNodes = raft.isLeader() && w != null ? w.quorum().answering()
                    : members.stream().filter(m -> m.status() == LEADER || m.status() == STANDBY)
                            .map(WatchdogMember::id).toList();
            quorumStatus = quorumNodes.size() < needed ? -1 : quorumNodes.size() == needed && nodes.size() > 1 ? 0 : 1;
        }
        Optional<WatchdogNodeConfig> leaderNode = leader.flatMap(id -> nodes.stream().filter(n -> n.id() == id)
                .findFirst());
        boolean localEscalated = w != null ? w.escalated() : false;
        return new WatchdogInfo(nodes.size(), nodes.size() - 1, nodes.size() - 1, alive, needed, quorumStatus,
                quorumState(quorumStatus), quorumNodes, localEscalated, leaderNode.map(this::nodeName).orElse(""),
                leaderNode.map(WatchdogNodeConfig::hostname).orElse(""), leader.orElse(-1), raft.currentTerm(),
                raft.commitIndex(), s.appliedIndex(), self, esc == null ? -1 : esc.memberId(),
                esc == null ? 0 : esc.term(), members);
    }

    private int status(int id, Member m, Optional<Integer> leader, int self, Watchdog w) {
        if (leader.equals(Optional.of(id))) {
            return LEADER;
        }
        if (id == self) {
            if (w != null && !w.joined()) {
                return JOINING;
            }
            return leader.isEmpty() ? PARTICIPATING : STANDBY;
        }
        if (m == null) {
            return DEAD;
        }
        return m.status() == MemberStatus.ALIVE ? STANDBY : m.status() == MemberStatus.LOST ? LOST : SHUTDOWN;
    }

    private String nodeName(WatchdogNodeConfig n) {
        return n.hostname() + ":" + n.pgpoolPort() + " Linux " + n.hostname();
    }

    static String statusName(int status) {
        return switch (status) {
            case DEAD -> "DEAD";
            case JOINING -> "JOINING";
            case LEADER -> "LEADER";
            case PARTICIPATING -> "PARTICIPATING IN ELECTION";
            case STANDBY -> "STANDBY";
            case LOST -> "LOST";
            case SHUTDOWN -> "SHUTDOWN";
            default -> "UNKNOWN";
        };
    }

    static String quorumState(int status) {
        return switch (status) {
            case 1 -> "QUORUM EXIST";
            case 0 -> "QUORUM IS ON THE EDGE";
            case -1 -> "QUORUM ABSENT";
            case -2 -> "NO LEADER NODE";
            default -> "UNKNOWN";
        };
    }
}
