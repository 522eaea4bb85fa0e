package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the few fields the proxy inspects from framed messages ({@link FrameDecoder} output: type byte,
 * length, payload) without consuming the frame, so it can still be forwarded as it is.
 */
public final class Frames {
    private Frames() {
    }

    // Frontend message types.
    public static final byte QUERY = 'Q';
    public static final byte PARSE = 'P';
    public static final byte BIND = 'B';
    public static final byte DESCRIBE = 'D';
    public static final byte EXECUTE = 'E';
    public static final byte CLOSE = 'C';
    public static final byte SYNC = 'S';
    public static final byte FLUSH = 'H';
    public static final byte TERMINATE = 'X';
    public static final byte COPY_DATA = 'd';
    public static final byte COPY_DONE = 'c';
    public static final byte COPY_FAIL = 'f';
    public static final byte FUNCTION_CALL = 'F';
    public static final byte PASSWORD = 'p';

    // Backend message types.
    public static final byte AUTHENTICATION = 'R';
    public static final byte PARAMETER_STATUS = 'S';
    public static final byte BACKEND_KEY_DATA = 'K';
    public static final byte READY_FOR_QUERY = 'Z';
    public static final byte ERROR_RESPONSE = 'E';
    public static final byte NOTICE_RESPONSE = 'N';
    public static final byte NOTIFICATION_RESPONSE = 'A';
    public static final byte COMMAND_COMPLETE = 'C';
    public static final byte PARSE_COMPLETE = '1';
    public static final byte BIND_COMPLETE = '2';
    public static final byte CLOSE_COMPLETE = '3';
    public static final byte COPY_IN_RESPONSE = 'G';
    public static final byte COPY_OUT_RESPONSE = 'H';
    public static final byte COPY_BOTH_RESPONSE = 'W';
    public static final byte NEGOTIATE_PROTOCOL_VERSION = 'v';

    /** The message type byte. */
    public static byte type(ByteBuf frame) {
        return frame.getByte(frame.readerIndex());
    }

    /** The payload as a slice (no copy), after the type byte and length. */
    public static ByteBuf payload(ByteBuf frame) {
        return frame.slice(frame.readerIndex() + 5, frame.readableBytes() - 5);
    }

    /** A printable name for a type byte, for errors and traces. */
    public static String typeName(byte type) {
        return type >= 32 && type < 127 ? String.valueOf((char) type) : String.format("\\x%02x", type & 0xff);
    }

    /** The query string of a Query message. */
    public static String queryString(ByteBuf frame) {
        return Buffers.readCString(payload(frame));
    }

    /** The transaction status of a ReadyForQuery message: 'I' idle, 'T' in a transaction, 'E' failed. */
    public static char readyForQueryStatus(ByteBuf frame) {
        return (char) frame.getByte(frame.readerIndex() + 5);
    }

    /** The authentication request code of an Authentication message (0 = ok, 3 = clear text, 5 = md5, 10 = SASL). */
    public static int authenticationCode(ByteBuf frame) {
        return frame.getInt(frame.readerIndex() + 5);
    }

    /** The name and value of a ParameterStatus message. */
    public static String[] parameterStatus(ByteBuf frame) {
        ByteBuf p = payload(frame);
        return new String[] {Buffers.readCString(p), Buffers.readCString(p)};
    }

    /** The statement name and query of a Parse message. */
    public static String[] parse(ByteBuf frame) {
        ByteBuf p = payload(frame);
        return new String[] {Buffers.readCString(p), Buffers.readCString(p)};
    }

    /** The portal name of a Bind message (its first field). */
    public static String bindPortal(ByteBuf frame) {
        return Buffers.readCString(payload(frame));
    }

    /** The statement name of a Bind message (its second field), read without taking the portal name apart. */
    public static String bindStatement(ByteBuf frame) {
        int end = frame.writerIndex();
        int portalEnd = frame.indexOf(frame.readerIndex() + 5, end, (byte) 0);
        int nameEnd = portalEnd < 0 ? -1 : frame.indexOf(portalEnd + 1, end, (byte) 0);
        if (nameEnd < 0) {
            throw PgException.protocolViolation("invalid string in message: missing terminator");
        }
        return nameEnd == portalEnd + 1 ? "" : frame.toString(portalEnd + 1, nameEnd - portalEnd - 1, StandardCharsets.UTF_8);
    }

    /** 'S' or 'P' and the name of a Describe or Close message. */
    public static String describeOrCloseTarget(ByteBuf frame) {
        ByteBuf p = payload(frame);
        char kind = (char) p.readByte();
        return kind + Buffers.readCString(p);
    }

    /** The portal name of an Execute message. */
    public static String executePortal(ByteBuf frame) {
        return Buffers.readCString(payload(frame));
    }

    /** The message (M) field of an ErrorResponse or NoticeResponse. */
    public static String errorMessage(ByteBuf frame) {
        return errorField(frame, 'M');
    }

    /** One field of an ErrorResponse or NoticeResponse, or null. */
    public static String errorField(ByteBuf frame, char field) {
        ByteBuf p = payload(frame);
        while (p.isReadable()) {
            byte code = p.readByte();
            if (code == 0) {
                break;
            }
            String value = Buffers.readCString(p);
            if (code == field) {
                return value;
            }
        }
        return null;
    }

    /** A short text form of a client's message for traces. */
    public static String describeFrontend(ByteBuf frame) {
        byte t = type(frame);
        return switch (t) {
            case QUERY -> "Query " + abbreviate(queryString(frame));
            case PARSE -> "Parse " + parse(frame)[0] + " " + abbreviate(parse(frame)[1]);
            case BIND -> "Bind " + bindStatement(frame);
            case EXECUTE -> "Execute " + executePortal(frame);
            case SYNC -> "Sync";
            case FLUSH -> "Flush";
            case TERMINATE -> "Terminate";
            default -> typeName(t) + " (" + (frame.readableBytes() - 1) + " bytes)";
        };
    }

    /** A short text form of a backend's message for traces. */
    public static String describeBackend(ByteBuf frame) {
        byte t = type(frame);
        return switch (t) {
            case READY_FOR_QUERY -> "ReadyForQuery " + readyForQueryStatus(frame);
            case ERROR_RESPONSE -> "ErrorResponse " + errorField(frame, 'C') + " " + errorMessage(frame);
            case COMMAND_COMPLETE -> "CommandComplete " + Buffers.readCString(payload(frame));
            case PARSE_COMPLETE -> "ParseComplete";
            case BIND_COMPLETE -> "BindComplete";
            default -> typeName(t) + " (" + (frame.readableBytes() - 1) + " bytes)";
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
