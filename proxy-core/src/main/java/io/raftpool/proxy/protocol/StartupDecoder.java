package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the messages a client sends before its StartupMessage is accepted: SSLRequest, GSSENCRequest,
 * CancelRequest and StartupMessage, which have no type byte. The session replaces this decoder with a
 * {@link FrameDecoder} once it has the StartupMessage; bytes already received then pass to the new decoder.
 */
public final class StartupDecoder extends ByteToMessageDecoder {

    static final int SSL_REQUEST_CODE = 80877103;
    static final int GSSENC_REQUEST_CODE = 80877104;
    static final int CANCEL_REQUEST_CODE = 80877102;
    /** Protocol 3.0. */
    public static final int PROTOCOL_3_0 = 196608;

    private final int maxLength;

    /** @param maxLength the largest startup packet accepted (PostgreSQL's limit is 10000 bytes) */
    public StartupDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 8 || length > maxLength) {
            in.skipBytes(in.readableBytes());
            throw PgException.protocolViolation("invalid length of startup packet: " + length
                    + " (allowed: 8 to " + maxLength + " bytes, max_startup_packet_size)");
        }
        if (in.readableBytes() < length) {
            return;
        }
        ByteBuf packet = in.readSlice(length).skipBytes(4);
        int code = packet.readInt();
        switch (code) {
            case SSL_REQUEST_CODE -> out.add(new StartupRequest.SslRequest());
            case GSSENC_REQUEST_CODE -> out.add(new StartupRequest.GssEncRequest());
            case CANCEL_REQUEST_CODE -> {
                if (packet.readableBytes() < 8) {
                    throw PgException.protocolViolation("invalid length of cancel request: " + length);
                }
                out.add(new StartupRequest.CancelRequest(packet.readInt(), packet.readInt()));
            }
            default -> out.add(startupMessage(code, packet));
        }
    }

    private static StartupRequest.StartupMessage startupMessage(int version, ByteBuf packet) {
        if (version >>> 16 != 3) {
            throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "unsupported frontend protocol "
                    + (version >>> 16) + "." + (version & 0xffff) + ": server supports 3.0 to 3.0");
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (packet.isReadable()) {
            String name = Buffers.readCString(packet);
            if (name.isEmpty()) {
                break;
            }
            if (!packet.isReadable()) {
                throw PgException.protocolViolation("invalid startup packet layout: expected terminator as last byte");
            }
            // interned: every session keeps these, and they are mostly the same few names and values
            params.put(name.intern(), Buffers.readCString(packet).intern());
        }
        String user = params.get("user");
        if (user == null || user.isEmpty()) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                    "no PostgreSQL user name specified in startup packet");
        }
        return new StartupRequest.StartupMessage(version, Collections.unmodifiableMap(params));
    }
}
