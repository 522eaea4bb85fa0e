package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Map;

/** Builds the protocol messages raftpool writes itself, to clients and to backends. */
public final class Messages {
    private Messages() {
    }

    /** Starts a typed message; {@link #finish} fills in its length. */
    private static ByteBuf begin(ByteBufAllocator alloc, byte type, int payloadHint) {
        ByteBuf buf = alloc.buffer(5 + payloadHint);
        buf.writeByte(type);
        buf.writeInt(0);
        return buf;
    }

    private static ByteBuf finish(ByteBuf buf) {
        buf.setInt(1, buf.writerIndex() - 1);
        return buf;
    }

    /** ErrorResponse with severity, SQLSTATE, message and the optional detail and hint. */
    public static ByteBuf errorResponse(ByteBufAllocator alloc, PgException e) {
        return errorOrNotice(alloc, Frames.ERROR_RESPONSE, e.severity().name(), e.sqlState(), e.getMessage(),
                e.detail(), e.hint());
    }

    /** NoticeResponse. */
    public static ByteBuf notice(ByteBufAllocator alloc, String severity, String sqlState, String message) {
        return errorOrNotice(alloc, Frames.NOTICE_RESPONSE, severity, sqlState, message, null, null);
    }

    private static ByteBuf errorOrNotice(ByteBufAllocator alloc, byte type, String severity, String sqlState,
            String message, String detail, String hint) {
        ByteBuf buf = begin(alloc, type, 64 + message.length());
        field(buf, 'S', severity);
        field(buf, 'V', severity);
        field(buf, 'C', sqlState);
        field(buf, 'M', message);
        if (detail != null) {
            field(buf, 'D', detail);
        }
        if (hint != null) {
            field(buf, 'H', hint);
        }
        buf.writeByte(0);
        return finish(buf);
    }

    private static void field(ByteBuf buf, char code, String value) {
        buf.writeByte(code);
        Buffers.writeCString(buf, value);
    }

    /** AuthenticationOk, AuthenticationCleartextPassword and other requests without data. */
    public static ByteBuf authentication(ByteBufAllocator alloc, int code) {
        ByteBuf buf = begin(alloc, Frames.AUTHENTICATION, 4);
        buf.writeInt(code);
        return finish(buf);
    }

    /** AuthenticationMD5Password with its 4-byte salt. */
    public static ByteBuf authenticationMd5(ByteBufAllocator alloc, byte[] salt) {
        ByteBuf buf = begin(alloc, Frames.AUTHENTICATION, 8);
        buf.writeInt(5);
        buf.writeBytes(salt);
        return finish(buf);
    }

    /** AuthenticationSASL (10) listing mechanisms, or SASLContinue (11) / SASLFinal (12) with data. */
    public static ByteBuf authenticationSasl(ByteBufAllocator alloc, int code, byte[] data) {
        ByteBuf buf = begin(alloc, Frames.AUTHENTICATION, 4 + data.length);
        buf.writeInt(code);
        buf.writeBytes(data);
        return finish(buf);
    }

    public static ByteBuf parameterStatus(ByteBufAllocator alloc, String name, String value) {
        ByteBuf buf = begin(alloc, Frames.PARAMETER_STATUS, name.length() + value.length() + 2);
        Buffers.writeCString(buf, name);
        Buffers.writeCString(buf, value);
        return finish(buf);
    }

    public static ByteBuf backendKeyData(ByteBufAllocator alloc, int processId, int secretKey) {
        ByteBuf buf = begin(alloc, Frames.BACKEND_KEY_DATA, 8);
        buf.writeInt(processId);
        buf.writeInt(secretKey);
        return finish(buf);
    }

    public static ByteBuf readyForQuery(ByteBufAllocator alloc, char status) {
        ByteBuf buf = begin(alloc, Frames.READY_FOR_QUERY, 1);
        buf.writeByte(status);
        return finish(buf);
    }

    /** RowDescription for text columns of type text (OID 25). */
    public static ByteBuf rowDescription(ByteBufAllocator alloc, List<String> columns) {
        ByteBuf buf = begin(alloc, (byte) 'T', 2 + columns.size() * 24);
        buf.writeShort(columns.size());
        for (String c : columns) {
            Buffers.writeCString(buf, c);
            buf.writeInt(0);
            buf.writeShort(0);
            buf.writeInt(25);
            buf.writeShort(-1);
            buf.writeInt(-1);
            buf.writeShort(0);
        }
        return finish(buf);
    }

    /** DataRow of text values; null is SQL NULL. */
    public static ByteBuf dataRow(ByteBufAllocator alloc, List<String> values) {
        ByteBuf buf = begin(alloc, (byte) 'D', 2 + values.size() * 16);
        buf.writeShort(values.size());
        for (String v : values) {
            if (v == null) {
                buf.writeInt(-1);
            } else {
                int lenAt = buf.writerIndex();
                buf.writeInt(0);
                int n = buf.writeCharSequence(v, java.nio.charset.StandardCharsets.UTF_8);
                buf.setInt(lenAt, n);
            }
        }
        return finish(buf);
    }

    public static ByteBuf commandComplete(ByteBufAllocator alloc, String tag) {
        ByteBuf buf = begin(alloc, Frames.COMMAND_COMPLETE, tag.length() + 1);
        Buffers.writeCString(buf, tag);
        return finish(buf);
    }

    /** A message with a type and no payload: ParseComplete '1', BindComplete '2', CloseComplete '3', NoData 'n', Sync, Flush, Terminate. */
    public static ByteBuf empty(ByteBufAllocator alloc, byte type) {
        return finish(begin(alloc, type, 0));
    }

    /** StartupMessage for protocol 3.0 with the given parameters. */
    public static ByteBuf startupMessage(ByteBufAllocator alloc, Map<String, String> params) {
        ByteBuf buf = alloc.buffer(128);
        buf.writeInt(0);
        buf.writeInt(StartupDecoder.PROTOCOL_3_0);
        params.forEach((k, v) -> {
            Buffers.writeCString(buf, k);
            Buffers.writeCString(buf, v);
        });
        buf.writeByte(0);
        buf.setInt(0, buf.writerIndex());
        return buf;
    }

    /** CancelRequest. */
    public static ByteBuf cancelRequest(ByteBufAllocator alloc, int processId, int secretKey) {
        ByteBuf buf = alloc.buffer(16);
        buf.writeInt(16);
        buf.writeInt(StartupDecoder.CANCEL_REQUEST_CODE);
        buf.writeInt(processId);
        buf.writeInt(secretKey);
        return buf;
    }

    /** PasswordMessage carrying a clear-text or md5 password (null-terminated). */
    public static ByteBuf passwordMessage(ByteBufAllocator alloc, String password) {
        ByteBuf buf = begin(alloc, Frames.PASSWORD, password.length() + 1);
        Buffers.writeCString(buf, password);
        return finish(buf);
    }

    /** SASLInitialResponse: mechanism, then the length-prefixed client-first-message. */
    public static ByteBuf saslInitialResponse(ByteBufAllocator alloc, String mechanism, byte[] data) {
        ByteBuf buf = begin(alloc, Frames.PASSWORD, mechanism.length() + 5 + data.length);
        Buffers.writeCString(buf, mechanism);
        buf.writeInt(data.length);
        buf.writeBytes(data);
        return finish(buf);
    }

    /** SASLResponse: the raw client-final-message. */
    public static ByteBuf saslResponse(ByteBufAllocator alloc, byte[] data) {
        ByteBuf buf = begin(alloc, Frames.PASSWORD, data.length);
        buf.writeBytes(data);
        return finish(buf);
    }

    /** A simple Query. */
    public static ByteBuf query(ByteBufAllocator alloc, String sql) {
        ByteBuf buf = begin(alloc, Frames.QUERY, sql.length() + 1);
        Buffers.writeCString(buf, sql);
        return finish(buf);
    }
}
