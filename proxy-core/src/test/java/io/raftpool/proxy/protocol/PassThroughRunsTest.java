package io.raftpool.proxy.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** FrameDecoder on a backend connection: runs of pass-through messages come as one frame when wanted. */
class PassThroughRunsTest {

    private final AtomicBoolean wanted = new AtomicBoolean(true);
    private final FrameDecoder decoder = new FrameDecoder(1 << 20);
    private final EmbeddedChannel ch = new EmbeddedChannel(decoder);

    PassThroughRunsTest() {
        decoder.passThroughRunsWhen(wanted::get);
    }

    @Test
    void anAnswerIsOneRunThenReadyForQuery() {
        ch.writeInbound(bytes(msg('T', 20), msg('D', 8), msg('D', 8), msg('C', 12), msg('Z', 1)));
        assertEquals(List.of("T,D,D,C", "Z"), frames());
    }

    @Test
    void messagesTheProxyLooksAtStayAlone() {
        ch.writeInbound(bytes(msg('2', 0), msg('N', 10), msg('D', 5), msg('1', 0), msg('C', 3), msg('E', 9),
                msg('S', 6), msg('Z', 1)));
        assertEquals(List.of("2", "N", "D", "1", "C", "E", "S", "Z"), frames());
    }

    @Test
    void aMessageSplitAcrossReadsEndsTheRunAndFollowsWhenComplete() {
        ByteBuf all = bytes(msg('D', 8), msg('D', 300), msg('C', 12), msg('Z', 1));
        ch.writeInbound(all.readRetainedSlice(13 + 100));
        assertEquals(List.of("D"), frames(), "the complete row goes on; the partial one waits");
        ch.writeInbound(all);
        assertEquals(List.of("D,C", "Z"), frames());
    }

    @Test
    void afterReadyForQueryTheReceiverIsAskedAgain() {
        ch.writeInbound(bytes(msg('D', 4), msg('Z', 1)));
        assertEquals(List.of("D", "Z"), frames());
        wanted.set(false);
        ch.writeInbound(bytes(msg('T', 4), msg('D', 4), msg('C', 4), msg('Z', 1)));
        assertEquals(List.of("T", "D", "C", "Z"), frames(), "one frame per message once runs are not wanted");
    }

    @Test
    void aBadLengthAfterARunStillDeliversTheRun() {
        ByteBuf in = bytes(msg('D', 4), msg('D', 4));
        in.writeByte('D').writeInt(2);
        assertThrows(DecoderException.class, () -> ch.writeInbound(in));
        assertEquals(List.of("D,D"), frames(), "the complete messages before the bad one are delivered");
    }

    private static ByteBuf msg(char type, int payload) {
        ByteBuf b = Unpooled.buffer().writeByte(type).writeInt(payload + 4);
        for (int i = 0; i < payload; i++) {
            b.writeByte('x');
        }
        return b;
    }

    private static ByteBuf bytes(ByteBuf... messages) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf m : messages) {
            all.writeBytes(m);
            m.release();
        }
        return all;
    }

    /** Each frame read as the comma-separated types of the messages it holds. */
    private List<String> frames() {
        List<String> out = new ArrayList<>();
        for (ByteBuf f; (f = ch.readInbound()) != null; ) {
            List<String> types = new ArrayList<>();
            for (int i = f.readerIndex(); i < f.writerIndex(); i += 1 + f.getInt(i + 1)) {
                types.add(String.valueOf((char) f.getByte(i)));
            }
            out.add(String.join(",", types));
            f.release();
        }
        return out;
    }
}
