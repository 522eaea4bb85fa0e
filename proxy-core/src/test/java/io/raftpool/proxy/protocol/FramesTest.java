package io.raftpool.proxy.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {

    /** A Bind frame: type, length, then the given body bytes (portal, statement, and whatever follows). */
    private static ByteBuf bind(String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeByte('B').writeInt(4 + b.length).writeBytes(b);
    }

    @Test
    void theStatementNameOfABindIsItsSecondField() {
        ByteBuf named = bind("\0P0_1\0\0\0\0\0\0\1");
        ByteBuf unnamed = bind("portal\0\0\0\0");
        ByteBuf wide = bind("\0s\u00e9lection\0\0\0");
        try {
            assertEquals("P0_1", Frames.bindStatement(named));
            assertEquals("", Frames.bindStatement(unnamed), "the unnamed statement");
            assertEquals("s\u00e9lection", Frames.bindStatement(wide));
            assertEquals(0, named.readerIndex(), "the frame is left as it is, to be forwarded");
        } finally {
            named.release();
            unnamed.release();
            wide.release();
        }
    }

    @Test
    void aBindWithoutItsStatementNameIsAProtocolViolation() {
        ByteBuf truncated = bind("portal\0P0_");
        try {
            PgException e = assertThrows(PgException.class, () -> Frames.bindStatement(truncated));
            assertEquals("08P01", e.sqlState());
            assertTrue(e.getMessage().contains("missing terminator"), e.getMessage());
        } finally {
            truncated.release();
        }
    }
}
