package io.raftpool.consensus.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterCommand.Escalate;
import io.raftpool.consensus.ClusterCommand.FailoverVote;
import io.raftpool.consensus.ClusterCommand.RegisterBackends;
import io.raftpool.consensus.ClusterCommand.RemoveMember;
import io.raftpool.consensus.ClusterCommand.SetBackendStatus;
import io.raftpool.consensus.ClusterCommand.SetPrimary;
import io.raftpool.consensus.ClusterCommand.StartOperation;
import io.raftpool.consensus.ClusterCommand.UpdateOperation;
import io.raftpool.consensus.ClusterCommand.UpsertMember;
import io.raftpool.consensus.UnreadableCommandException;
import io.raftpool.consensus.proto.CommandEnvelope;
import io.raftpool.consensus.proto.EscalateMsg;
import io.raftpool.consensus.proto.FailoverVoteMsg;
import io.raftpool.consensus.proto.RegisterBackendsMsg;
import io.raftpool.consensus.proto.RemoveMemberMsg;
import io.raftpool.consensus.proto.SetBackendStatusMsg;
import io.raftpool.consensus.proto.SetPrimaryMsg;
import io.raftpool.consensus.proto.StartOperationMsg;
import io.raftpool.consensus.proto.UpdateOperationMsg;
import io.raftpool.consensus.proto.UpsertMemberMsg;

/**
 * {@link ClusterCommand}s to and from the bytes of a Raft log entry: a {@code CommandEnvelope} protobuf
 * message (see cluster.proto) stamped with the {@link FormatVersion}. Decoding never lets a malformed or
 * too-new entry through: it throws {@link UnreadableCommandException} saying why.
 */
public final class CommandCodec {

    private CommandCodec() {
    }

    /** The log entry bytes of a command. */
    public static byte[] encode(ClusterCommand command) {
        CommandEnvelope.Builder b = CommandEnvelope.newBuilder()
                .setWriterVersion(FormatVersion.CURRENT).setMinReaderVersion(FormatVersion.MIN_READER);
        if (command instanceof RegisterBackends c) {
            RegisterBackendsMsg.Builder m = RegisterBackendsMsg.newBuilder();
            c.initial().forEach(backend -> m.addInitial(ProtoValues.toMsg(backend)));
            b.setRegisterBackends(m);
        } else if (command instanceof SetBackendStatus c) {
            b.setSetBackendStatus(SetBackendStatusMsg.newBuilder().setNodeId(c.nodeId())
                    .setStatus(ProtoValues.toMsg(c.status())).setReason(c.reason()).setAtMillis(c.atMillis()));
        } else if (command instanceof SetPrimary c) {
            b.setSetPrimary(SetPrimaryMsg.newBuilder().setNodeId(c.nodeId()).setReason(c.reason())
                    .setAtMillis(c.atMillis()));
        } else if (command instanceof StartOperation c) {
            b.setStartOperation(StartOperationMsg.newBuilder().setKind(ProtoValues.toMsg(c.kind()))
                    .setNodeId(c.nodeId()).setNewPrimary(c.newPrimary()).setRequestedBy(c.requestedBy())
                    .setAtMillis(c.atMillis()));
        } else if (command instanceof UpdateOperation c) {
            b.setUpdateOperation(UpdateOperationMsg.newBuilder().setId(c.id())
                    .setPhase(ProtoValues.toMsg(c.phase())).setDetail(c.detail()).setAtMillis(c.atMillis()));
        } else if (command instanceof UpsertMember c) {
            b.setUpsertMember(UpsertMemberMsg.newBuilder().setMember(ProtoValues.toMsg(c.member())));
        } else if (command instanceof RemoveMember c) {
            b.setRemoveMember(RemoveMemberMsg.newBuilder().setId(c.id()));
        } else if (command instanceof Escalate c) {
            b.setEscalate(EscalateMsg.newBuilder().setMemberId(c.memberId()).setTerm(c.term())
                    .setAtMillis(c.atMillis()));
        } else if (command instanceof FailoverVote c) {
            b.setFailoverVote(FailoverVoteMsg.newBuilder().setMemberId(c.memberId()).setNodeId(c.nodeId())
                    .setVotesNeeded(c.votesNeeded()).setCountRepeats(c.countRepeats())
                    .setWindowMillis(c.windowMillis()).setReason(c.reason()).setAtMillis(c.atMillis()));
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return b.build().toByteArray();
    }

    /**
     * The command in a log entry's bytes.
     *
     * @throws UnreadableCommandException if the bytes are not a command, or a command from a newer format
     */
    public static ClusterCommand decode(byte[] bytes) {
        CommandEnvelope e;
        try {
            e = CommandEnvelope.parseFrom(bytes);
        } catch (InvalidProtocolBufferException ex) {
            throw new UnreadableCommandException("a malformed command (" + bytes.length + " bytes): "
                    + ex.getMessage(), ex);
        }
        FormatVersion.checkReadable("a command", e.getWriterVersion(), e.getMinReaderVersion());
        try {
            return fromEnvelope(e);
        } catch (IllegalArgumentException | NullPointerException ex) {
            throw new UnreadableCommandException("an invalid " + e.getCommandCase() + " command: "
                    + ex.getMessage(), ex);
        }
    }

    private static ClusterCommand fromEnvelope(CommandEnvelope e) {
        return switch (e.getCommandCase()) {
            case REGISTER_BACKENDS -> new RegisterBackends(e.getRegisterBackends().getInitialList().stream()
                    .map(ProtoValues::fromMsg).toList());
            case SET_BACKEND_STATUS -> {
                SetBackendStatusMsg m = e.getSetBackendStatus();
                yield new SetBackendStatus(m.getNodeId(), ProtoValues.fromMsg(m.getStatus()), m.getReason(),
                        m.getAtMillis());
            }
            case SET_PRIMARY -> {
                SetPrimaryMsg m = e.getSetPrimary();
                yield new SetPrimary(m.getNodeId(), m.getReason(), m.getAtMillis());
            }
            case START_OPERATION -> {
                StartOperationMsg m = e.getStartOperation();
                yield new StartOperation(ProtoValues.fromMsg(m.getKind()), m.getNodeId(), m.getNewPrimary(),
                        m.getRequestedBy(), m.getAtMillis());
            }
            case UPDATE_OPERATION -> {
                UpdateOperationMsg m = e.getUpdateOperation();
                yield new UpdateOperation(m.getId(), ProtoValues.fromMsg(m.getPhase()), m.getDetail(),
                        m.getAtMillis());
            }
            case UPSERT_MEMBER -> {
                if (!e.getUpsertMember().hasMember()) {
                    throw new UnreadableCommandException("an UpsertMember command without a member");
                }
                yield new UpsertMember(ProtoValues.fromMsg(e.getUpsertMember().getMember()));
            }
            case REMOVE_MEMBER -> new RemoveMember(e.getRemoveMember().getId());
            case ESCALATE -> {
                EscalateMsg m = e.getEscalate();
                yield new Escalate(m.getMemberId(), m.getTerm(), m.getAtMillis());
            }
            case FAILOVER_VOTE -> {
                FailoverVoteMsg m = e.getFailoverVote();
                yield new FailoverVote(m.getMemberId(), m.getNodeId(), m.getVotesNeeded(), m.getCountRepeats(),
                        m.getWindowMillis(), m.getReason(), m.getAtMillis());
            }
            case COMMAND_NOT_SET -> throw new UnreadableCommandException(e.getWriterVersion() > FormatVersion.CURRENT
                    ? "a command this raftpool does not know, written by format version " + e.getWriterVersion()
                            + " (this raftpool reads version " + FormatVersion.CURRENT + "): upgrade this instance"
                    : "an empty command (no command in the envelope)");
        };
    }
}
