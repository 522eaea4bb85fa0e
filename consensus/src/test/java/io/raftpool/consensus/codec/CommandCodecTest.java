package io.raftpool.consensus.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.ClusterTransitions;
import io.raftpool.consensus.Fixtures;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.consensus.UnreadableCommandException;
import io.raftpool.consensus.proto.CommandEnvelope;
import io.raftpool.consensus.proto.NodeStatusMsg;
import io.raftpool.consensus.proto.SetBackendStatusMsg;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CommandCodecTest {

    static Stream<ClusterCommand> commands() {
        return Fixtures.everyCommand().stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandSurvivesTheRoundTrip(ClusterCommand command) {
        byte[] bytes = CommandCodec.encode(command);
        assertEquals(command, CommandCodec.decode(bytes));
        assertArrayEquals(bytes, CommandCodec.encode(CommandCodec.decode(bytes)));
    }

    @Test
    void everyKindOfCommandIsCovered() {
        long kinds = Fixtures.everyCommand().stream().map(Object::getClass).distinct().count();
        assertEquals(ClusterCommand.class.getPermittedSubclasses().length, kinds);
    }

    @Test
    void malformedBytesAreRefusedWithAClearError() {
        byte[] good = CommandCodec.encode(Fixtures.threeBackends());
        byte[] truncated = Arrays.copyOf(good, good.length - 3);
        var e = assertThrows(UnreadableCommandException.class, () -> CommandCodec.decode(truncated));
        assertTrue(e.getMessage().startsWith("a malformed command"), e.getMessage());

        var empty = assertThrows(UnreadableCommandException.class, () -> CommandCodec.decode(new byte[0]));
        assertTrue(empty.getMessage().contains("empty command"), empty.getMessage());
    }

    @Test
    void randomBytesNeverCrashTheDecoder() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            try {
                CommandCodec.decode(junk);
            } catch (UnreadableCommandException expected) {
                assertTrue(expected.getMessage().length() > 10);
            }
        }
    }

    @Test
    void aCommandNeedingANewerReaderIsRefused() {
        byte[] bytes = CommandEnvelope.newBuilder().setWriterVersion(2).setMinReaderVersion(2)
                .setSetBackendStatus(SetBackendStatusMsg.newBuilder().setNodeId(1)
                        .setStatus(NodeStatusMsg.NODE_STATUS_DOWN)).build().toByteArray();
        var e = assertThrows(UnreadableCommandException.class, () -> CommandCodec.decode(bytes));
        assertTrue(e.getMessage().contains("needs a reader of version 2"), e.getMessage());
        assertTrue(e.getMessage().contains("upgrade this instance"), e.getMessage());
    }

    @Test
    void anUnknownCommandFromANewerWriterIsRefused() {
        // A command added later: field 99 of the envelope, which this version does not know.
        byte[] bytes = CommandEnvelope.newBuilder().setWriterVersion(3).setMinReaderVersion(1)
                .setUnknownFields(UnknownFieldSet.newBuilder()
                        .addField(99, UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFromUtf8("x")).build())
                        .build())
                .build().toByteArray();
        var e = assertThrows(UnreadableCommandException.class, () -> CommandCodec.decode(bytes));
        assertTrue(e.getMessage().contains("does not know, written by format version 3"), e.getMessage());
    }

    @Test
    void unknownFieldsOfAKnownCommandAreIgnored() {
        byte[] bytes = CommandEnvelope.newBuilder().setWriterVersion(2).setMinReaderVersion(1)
                .setSetBackendStatus(SetBackendStatusMsg.newBuilder().setNodeId(1).setReason("r").setAtMillis(5)
                        .setStatus(NodeStatusMsg.NODE_STATUS_DOWN)
                        .setUnknownFields(UnknownFieldSet.newBuilder()
                                .addField(50, UnknownFieldSet.Field.newBuilder()
                                        .addVarint(7).build()).build()))
                .build().toByteArray();
        assertEquals(new ClusterCommand.SetBackendStatus(1, NodeStatus.DOWN, "r", 5),
                CommandCodec.decode(bytes));
    }

    @Test
    void anUnknownEnumValueIsRefusedNotDefaulted() {
        byte[] unknownStatus = CommandEnvelope.newBuilder().setWriterVersion(2).setMinReaderVersion(1)
                .setSetBackendStatus(SetBackendStatusMsg.newBuilder().setNodeId(1).setStatusValue(42))
                .build().toByteArray();
        var e = assertThrows(UnreadableCommandException.class, () -> CommandCodec.decode(unknownStatus));
        assertTrue(e.getMessage().contains("unknown node status"), e.getMessage());

        byte[] noStatus = CommandEnvelope.newBuilder().setWriterVersion(1).setMinReaderVersion(1)
                .setSetBackendStatus(SetBackendStatusMsg.newBuilder().setNodeId(1)).build().toByteArray();
        var missing = assertThrows(UnreadableCommandException.class, () -> CommandCodec.decode(noStatus));
        assertTrue(missing.getMessage().contains("no node status"), missing.getMessage());
    }

    @Test
    void aWholeStateSurvivesTheRoundTrip() {
        ClusterState state = ClusterState.empty();
        long index = 1;
        for (ClusterCommand c : Fixtures.everyCommand()) {
            state = ClusterTransitions.apply(state, c, index++);
        }
        assertTrue(state.escalation() != null && !state.operations().isEmpty() && !state.members().isEmpty());
        byte[] bytes = ClusterStateCodec.encode(state);
        assertEquals(state, ClusterStateCodec.decode(bytes));
        assertEquals(ClusterState.empty(), ClusterStateCodec.decode(ClusterStateCodec.encode(ClusterState.empty())));
    }

    @Test
    void aMalformedStateIsRefused() {
        byte[] bytes = ClusterStateCodec.encode(ClusterTransitions.apply(ClusterState.empty(), Fixtures.threeBackends(), 9));
        var e = assertThrows(UnreadableCommandException.class,
                () -> ClusterStateCodec.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        assertTrue(e.getMessage().contains("malformed cluster state"), e.getMessage());
    }
}
