package io.raftpool.consensus.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.FailoverOperation;
import io.raftpool.consensus.Member;
import io.raftpool.consensus.UnreadableCommandException;
import io.raftpool.consensus.proto.ClusterStateMsg;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole {@link ClusterState} to and from bytes (a {@code ClusterStateMsg}): what a snapshot file holds and
 * what the leader answers to a command or a read. Equal states encode to equal bytes.
 */
public final class ClusterStateCodec {

    private ClusterStateCodec() {
    }

    /** The state as a message. */
    public static ClusterStateMsg toMsg(ClusterState s) {
        ClusterStateMsg.Builder b = ClusterStateMsg.newBuilder().setWriterVersion(FormatVersion.CURRENT)
                .setMinReaderVersion(FormatVersion.MIN_READER).setPrimaryNodeId(s.primaryNodeId())
                .setAppliedIndex(s.appliedIndex());
        s.backends().values().forEach(v -> b.addBackends(ProtoValues.toMsg(v)));
        s.operations().values().forEach(v -> b.addOperations(ProtoValues.toMsg(v)));
        s.members().values().forEach(v -> b.addMembers(ProtoValues.toMsg(v)));
        s.currentEscalation().ifPresent(e -> b.setEscalation(ProtoValues.toMsg(e)));
        s.votes().forEach(v -> b.addVotes(ProtoValues.toMsg(v)));
        return b.build();
    }

    /**
     * The state in a message.
     *
     * @throws UnreadableCommandException if it is written by a newer format, or holds invalid values
     */
    public static ClusterState fromMsg(ClusterStateMsg m) {
        FormatVersion.checkReadable("a cluster state", m.getWriterVersion(), m.getMinReaderVersion());
        try {
            Map<Integer, BackendState> backends = new LinkedHashMap<>();
            m.getBackendsList().forEach(v -> backends.put(v.getId(), ProtoValues.fromMsg(v)));
            Map<Long, FailoverOperation> operations = new LinkedHashMap<>();
            m.getOperationsList().forEach(v -> operations.put(v.getId(), ProtoValues.fromMsg(v)));
            Map<Integer, Member> members = new LinkedHashMap<>();
            m.getMembersList().forEach(v -> members.put(v.getId(), ProtoValues.fromMsg(v)));
            return new ClusterState(backends, m.getPrimaryNodeId(), operations, members,
                    m.hasEscalation() ? ProtoValues.fromMsg(m.getEscalation()) : null,
                    m.getVotesList().stream().map(ProtoValues::fromMsg).toList(), m.getAppliedIndex());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableCommandException("an invalid cluster state: " + e.getMessage(), e);
        }
    }

    /** The state as bytes. */
    public static byte[] encode(ClusterState s) {
        return toMsg(s).toByteArray();
    }

    /**
     * The state in bytes.
     *
     * @throws UnreadableCommandException if the bytes are not a cluster state this version reads
     */
    public static ClusterState decode(byte[] bytes) {
        try {
            return fromMsg(ClusterStateMsg.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw new UnreadableCommandException("a malformed cluster state (" + bytes.length + " bytes): "
                    + e.getMessage(), e);
        }
    }
}
