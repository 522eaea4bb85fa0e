package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Reading and writing the protocol's null-terminated strings. */
public final class Buffers {
    private Buffers() {
    }

    /** Reads a null-terminated UTF-8 string; a missing terminator is a protocol violation. */
    public static String readCString(ByteBuf buf) {
        int end = buf.indexOf(buf.readerIndex(), buf.writerIndex(), (byte) 0);
        if (end < 0) {
            throw PgException.protocolViolation("invalid string in message: missing terminator");
        }
        String s = buf.toString(buf.readerIndex(), end - buf.readerIndex(), StandardCharsets.UTF_8);
        buf.readerIndex(end + 1);
        return s;
    }

    /** Writes a string followed by a zero byte. */
    public static void writeCString(ByteBuf buf, String s) {
        buf.writeCharSequence(s, StandardCharsets.UTF_8);
        buf.writeByte(0);
    }
}
