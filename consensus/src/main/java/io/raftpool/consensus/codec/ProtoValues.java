package io.raftpool.consensus.codec;

import com.google.protobuf.ProtocolMessageEnum;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.Escalation;
import io.raftpool.consensus.FailoverKind;
import io.raftpool.consensus.FailoverOperation;
import io.raftpool.consensus.FailoverPhase;
import io.raftpool.consensus.Member;
import io.raftpool.consensus.MemberStatus;
import io.raftpool.consensus.Vote;
import io.raftpool.consensus.NodeRole;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.consensus.UnreadableCommandException;
import io.raftpool.consensus.proto.BackendStateMsg;
import io.raftpool.consensus.proto.EscalationMsg;
import io.raftpool.consensus.proto.FailoverKindMsg;
import io.raftpool.consensus.proto.FailoverOperationMsg;
import io.raftpool.consensus.proto.FailoverPhaseMsg;
import io.raftpool.consensus.proto.MemberMsg;
import io.raftpool.consensus.proto.MemberStatusMsg;
import io.raftpool.consensus.proto.VoteMsg;
import io.raftpool.consensus.proto.NodeRoleMsg;
import io.raftpool.consensus.proto.NodeStatusMsg;
import java.time.Instant;

/**
 * Value types to and from their protobuf messages. Enum values are mapped by name ({@code UP} is
 * {@code NODE_STATUS_UP}); a value the message does not know (0, or one added by a newer writer) is refused.
 */
final class ProtoValues {

    private ProtoValues() {
    }

    static BackendStateMsg toMsg(BackendState b) {
        return BackendStateMsg.newBuilder().setId(b.id()).setStatus(toMsg(b.status())).setRole(toMsg(b.role()))
                .setLastStatusChangeMillis(b.lastStatusChange().toEpochMilli()).setReason(b.reason()).build();
    }

    static BackendState fromMsg(BackendStateMsg m) {
        return new BackendState(m.getId(), fromMsg(m.getStatus()), fromMsg(m.getRole()),
                instant(m.getLastStatusChangeMillis()), m.getReason());
    }

    static FailoverOperationMsg toMsg(FailoverOperation o) {
        return FailoverOperationMsg.newBuilder().setId(o.id()).setKind(toMsg(o.kind())).setNodeId(o.nodeId())
                .setNewPrimary(o.newPrimary()).setRequestedBy(o.requestedBy()).setPhase(toMsg(o.phase()))
                .setDetail(o.detail()).setRequestedAtMillis(o.requestedAt().toEpochMilli())
                .setUpdatedAtMillis(o.updatedAt().toEpochMilli()).build();
    }

    static FailoverOperation fromMsg(FailoverOperationMsg m) {
        return new FailoverOperation(m.getId(), fromMsg(m.getKind()), m.getNodeId(), m.getNewPrimary(),
                m.getRequestedBy(), fromMsg(m.getPhase()), m.getDetail(), instant(m.getRequestedAtMillis()),
                instant(m.getUpdatedAtMillis()));
    }

    static MemberMsg toMsg(Member m) {
        return MemberMsg.newBuilder().setId(m.id()).setHost(m.host()).setRaftPort(m.raftPort())
                .setProxyPort(m.proxyPort()).setAlive(m.alive()).setLastSeenMillis(m.lastSeen().toEpochMilli())
                .setStatus(MemberStatusMsg.valueOf("MEMBER_STATUS_" + m.status().name()))
                .setPriority(m.priority()).putAllFingerprint(m.fingerprint()).build();
    }

    static Member fromMsg(MemberMsg m) {
        MemberStatus status = m.getStatus() == MemberStatusMsg.MEMBER_STATUS_UNSPECIFIED
                ? (m.getAlive() ? MemberStatus.ALIVE : MemberStatus.LOST)
                : known(MemberStatus.class, m.getStatus(), "MEMBER_STATUS_", "member status");
        return new Member(m.getId(), m.getHost(), m.getRaftPort(), m.getProxyPort(), m.getPriority(), status,
                m.getFingerprintMap(), instant(m.getLastSeenMillis()));
    }

    static VoteMsg toMsg(Vote v) {
        return VoteMsg.newBuilder().setMemberId(v.memberId()).setNodeId(v.nodeId())
                .setAtMillis(v.at().toEpochMilli()).build();
    }

    static Vote fromMsg(VoteMsg m) {
        return new Vote(m.getMemberId(), m.getNodeId(), instant(m.getAtMillis()));
    }

    static EscalationMsg toMsg(Escalation e) {
        return EscalationMsg.newBuilder().setMemberId(e.memberId()).setTerm(e.term())
                .setAtMillis(e.at().toEpochMilli()).build();
    }

    static Escalation fromMsg(EscalationMsg m) {
        return new Escalation(m.getMemberId(), m.getTerm(), instant(m.getAtMillis()));
    }

    static NodeStatusMsg toMsg(NodeStatus s) {
        return NodeStatusMsg.valueOf("NODE_STATUS_" + s.name());
    }

    static NodeStatus fromMsg(NodeStatusMsg m) {
        return known(NodeStatus.class, m, "NODE_STATUS_", "node status");
    }

    static NodeRoleMsg toMsg(NodeRole r) {
        return NodeRoleMsg.valueOf("NODE_ROLE_" + r.name());
    }

    static NodeRole fromMsg(NodeRoleMsg m) {
        return known(NodeRole.class, m, "NODE_ROLE_", "node role");
    }

    static FailoverKindMsg toMsg(FailoverKind k) {
        return FailoverKindMsg.valueOf("FAILOVER_KIND_" + k.name());
    }

    static FailoverKind fromMsg(FailoverKindMsg m) {
        return known(FailoverKind.class, m, "FAILOVER_KIND_", "failover kind");
    }

    static FailoverPhaseMsg toMsg(FailoverPhase p) {
        return FailoverPhaseMsg.valueOf("FAILOVER_PHASE_" + p.name());
    }

    static FailoverPhase fromMsg(FailoverPhaseMsg m) {
        return known(FailoverPhase.class, m, "FAILOVER_PHASE_", "failover phase");
    }

    /** Our enum value named like the message's one, less its prefix; UNSPECIFIED and unknown values refused. */
    private static <E extends Enum<E>, M extends Enum<M> & ProtocolMessageEnum> E known(Class<E> type, M m,
            String prefix, String what) {
        if (m.name().equals("UNRECOGNIZED")) {
            throw new UnreadableCommandException("an unknown " + what + " (a value added by a newer raftpool?)");
        }
        if (m.getNumber() == 0) {
            throw new UnreadableCommandException("no " + what + " given");
        }
        return Enum.valueOf(type, m.name().substring(prefix.length()));
    }

    private static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
