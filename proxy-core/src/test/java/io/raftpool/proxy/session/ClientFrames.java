package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds frontend messages for a test and releases the ones still held at its end ({@link #releaseAll}). */
final class ClientFrames {

    private final List<ByteBuf> made = new ArrayList<>();

    ByteBuf parse(String name, String sql) {
        return frame('P', name + "\0" + sql + "\0\0\0");
    }

    ByteBuf bind(String statement) {
        return frame('B', "\0" + statement + "\0\0\0\0\0\0\0");
    }

    ByteBuf describe(char kind, String name) {
        return frame('D', kind + name + "\0");
    }

    ByteBuf close(char kind, String name) {
        return frame('C', kind + name + "\0");
    }

    ByteBuf execute() {
        return frame('E', "\0\0\0\0\0");
    }

    ByteBuf sync() {
        return frame('S', "");
    }

    ByteBuf frame(char type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf f = Unpooled.buffer().writeByte(type).writeInt(4 + b.length).writeBytes(b);
        made.add(f);
        return f;
    }

    void releaseAll() {
        for (ByteBuf f : made) {
            if (f.refCnt() > 0) {
                f.release(f.refCnt());
            }
        }
    }
}
