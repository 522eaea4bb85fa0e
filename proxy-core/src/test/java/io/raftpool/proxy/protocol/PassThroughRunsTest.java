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

/**
 * FrameDecoder on a backend connection: runs of pass-through messages come as one frame when wanted, and the
 * ReadyForQuery ending an answer comes with the run before it as an {@link AnswerEnd} (written "end:...").
 */
class PassThroughRunsTest {

    private final AtomicBoolean wanted = new AtomicBoolean(true);
    private final FrameDecoder decoder = new FrameDecoder(1 << 20);
    private final EmbeddedChannel ch = new EmbeddedChannel(decoder);

    PassThroughRunsTest() {
        decoder.passThroughRunsWhen(wanted::get);
    }

    @Test
    void anAnswerReadAtOnceIsOneFrameEndingWithItsReadyForQuery() {
        ch.writeInbound(bytes(msg('T', 20), msg('D', 8), msg('D', 8), msg('C', 12), ready('T')));
        assertEquals(List.of("end:T,D,D,C,Z status T"), frames());
    }

    @Test
    void anAnswerEndSplitsIntoItsMessages() {
        ch.writeInbound(bytes(msg('D', 8), msg('C', 12), ready('I')));
        AnswerEnd end = ch.readInbound();
        List<String> parts = new ArrayList<>();
        end.split(f -> {
            parts.add((char) f.getByte(f.readerIndex()) + ":" + f.readableBytes());
            f.release();
        });
        assertEquals(List.of("D:13", "C:17", "Z:6"), parts);
        assertEquals(0, end.messages().refCnt(), "the whole is released once split");
    }

    @Test
    void aReadyForQueryOfTheWrongLengthIsAFrameOfItsOwn() {
        ch.writeInbound(bytes(msg('D', 8), msg('Z', 2), msg('D', 8)));
        assertEquals(List.of("D", "Z", "D"), frames());
    }

    @Test
    void messagesTheProxyLooksAtStayAlone() {
        ch.writeInbound(bytes(msg('2', 0), msg('N', 10), msg('D', 5), msg('1', 0), msg('C', 3), msg('E', 9),
                msg('S', 6), ready('E')));
        assertEquals(List.of("2", "N", "D", "1", "C", "E", "S", "end:Z status E"), frames());
    }

    @Test
    void aMessageSplitAcrossReadsEndsTheRunAndFollowsWhenComplete() {
        ByteBuf all = bytes(msg('D', 8), msg('D', 300), msg('C', 12), ready('I'));
        ch.writeInbound(all.readRetainedSlice(13 + 100));
        assertEquals(List.of("D"), frames(), "the complete row goes on; the partial one waits");
        ch.writeInbound(all);
        assertEquals(List.of("end:D,C,Z status I"), frames());
    }

    @Test
    void afterReadyForQueryTheReceiverIsAskedAgain() {
        ch.writeInbound(bytes(msg('D', 4), ready('I')));
        assertEquals(List.of("end:D,Z status I"), frames());
        wanted.set(false);
        ch.writeInbound(bytes(msg('T', 4), msg('D', 4), msg('C', 4), ready('I')));
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

    private static ByteBuf ready(char status) {
        return Unpooled.buffer().writeByte('Z').writeInt(5).writeByte(status);
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
        for (Object o; (o = ch.readInbound()) != null; ) {
            if (o instanceof AnswerEnd end) {
                out.add("end:" + types(end.messages()) + " status " + end.status());
            } else {
                out.add(types((ByteBuf) o));
            }
        }
        return out;
    }

    private static String types(ByteBuf f) {
        List<String> types = new ArrayList<>();
        for (int i = f.readerIndex(); i < f.writerIndex(); i += 1 + f.getInt(i + 1)) {
            types.add(String.valueOf((char) f.getByte(i)));
        }
        f.release();
        return String.join(",", types);
    }
}
