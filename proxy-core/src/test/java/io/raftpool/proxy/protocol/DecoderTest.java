package io.raftpool.proxy.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecoderTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** Feeds the bytes one at a time, as a slow network would. */
    private static void feedByteByByte(EmbeddedChannel ch, ByteBuf bytes) {
        while (bytes.isReadable()) {
            ch.writeInbound(bytes.readRetainedSlice(1));
        }
        bytes.release();
    }

    @Test
    void startupMessageByteByByte() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(10000));
        feedByteByByte(ch, Messages.startupMessage(ALLOC, Map.of("user", "alice", "database", "shop")));
        StartupRequest.StartupMessage m = assertInstanceOf(StartupRequest.StartupMessage.class, ch.readInbound());
        assertEquals("alice", m.user());
        assertEquals("shop", m.database());
        assertEquals(StartupDecoder.PROTOCOL_3_0, m.protocolVersion());
        assertFalse(ch.finish());
    }

    @Test
    void sslRequestThenStartupInOneWrite() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(10000));
        ByteBuf both = Unpooled.buffer();
        both.writeInt(8).writeInt(StartupDecoder.SSL_REQUEST_CODE);
        ByteBuf startup = Messages.startupMessage(ALLOC, Map.of("user", "bob"));
        both.writeBytes(startup);
        startup.release();
        ch.writeInbound(both);
        assertInstanceOf(StartupRequest.SslRequest.class, ch.readInbound());
        StartupRequest.StartupMessage m = assertInstanceOf(StartupRequest.StartupMessage.class, ch.readInbound());
        assertEquals("bob", m.database(), "the database defaults to the user name");
        assertFalse(ch.finish());
    }

    @Test
    void cancelRequest() {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(10000));
        ch.writeInbound(Messages.cancelRequest(ALLOC, 1234, -99));
        StartupRequest.CancelRequest c = assertInstanceOf(StartupRequest.CancelRequest.class, ch.readInbound());
        assertEquals(1234, c.processId());
        assertEquals(-99, c.secretKey());
        assertFalse(ch.finish());
    }

    @Test
    void startupErrorsNameTheProblem() {
        assertEquals("invalid length of startup packet: 99999 (allowed: 8 to 10000 bytes, max_startup_packet_size)",
                startupError(Unpooled.buffer().writeInt(99999).writeInt(196608)));
        assertEquals("no PostgreSQL user name specified in startup packet",
                startupError(Messages.startupMessage(ALLOC, Map.of("database", "x"))));
        assertEquals("unsupported frontend protocol 2.0: server supports 3.0 to 3.0",
                startupError(Unpooled.buffer().writeInt(9).writeInt(2 << 16).writeByte(0)));
    }

    private static String startupError(ByteBuf input) {
        EmbeddedChannel ch = new EmbeddedChannel(new StartupDecoder(10000));
        DecoderException e = assertThrows(DecoderException.class, () -> ch.writeInbound(input));
        assertFalse(ch.finish());
        return assertInstanceOf(PgException.class, e.getCause()).getMessage();
    }

    @Test
    void framesByteByByteAndMerged() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(1 << 20));
        ByteBuf two = Unpooled.buffer();
        ByteBuf q = Messages.query(ALLOC, "SELECT 1");
        ByteBuf s = Messages.empty(ALLOC, Frames.SYNC);
        two.writeBytes(q).writeBytes(s);
        q.release();
        s.release();
        feedByteByByte(ch, two.copy());
        ByteBuf first = ch.readInbound();
        assertEquals("SELECT 1", Frames.queryString(first));
        ByteBuf second = ch.readInbound();
        assertEquals(Frames.SYNC, Frames.type(second));
        first.release();
        second.release();
        ch.writeInbound(two);
        ByteBuf again = ch.readInbound();
        assertEquals(Frames.QUERY, Frames.type(again));
        again.release();
        ((ByteBuf) ch.readInbound()).release();
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
    }

    @Test
    void oversizedAndUndersizedFramesAreProtocolViolations() {
        EmbeddedChannel big = new EmbeddedChannel(new FrameDecoder(100));
        DecoderException e = assertThrows(DecoderException.class,
                () -> big.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(1000)));
        PgException pe = assertInstanceOf(PgException.class, e.getCause());
        assertEquals(SqlState.PROTOCOL_VIOLATION, pe.sqlState());
        assertTrue(pe.getMessage().contains("over the limit of 100 bytes"), pe.getMessage());
        assertFalse(big.finish());
        EmbeddedChannel small = new EmbeddedChannel(new FrameDecoder(100));
        e = assertThrows(DecoderException.class, () -> small.writeInbound(Unpooled.buffer().writeByte('Q').writeInt(3)));
        assertEquals("invalid message length 3 for message type 'Q'", e.getCause().getMessage());
        assertFalse(small.finish());
    }

    @Test
    void errorResponseRoundTrip() {
        ByteBuf e = Messages.errorResponse(ALLOC, new PgException(PgException.Severity.FATAL, "28P01",
                "password authentication failed for user \"x\"", null, null));
        assertEquals(Frames.ERROR_RESPONSE, Frames.type(e));
        assertEquals("28P01", Frames.errorField(e, 'C'));
        assertEquals("FATAL", Frames.errorField(e, 'S'));
        assertEquals("password authentication failed for user \"x\"", Frames.errorMessage(e));
        assertEquals(e.readableBytes() - 1, e.getInt(1));
        e.release();
    }
}
