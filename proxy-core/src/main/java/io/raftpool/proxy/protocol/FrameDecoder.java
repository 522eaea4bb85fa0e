package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Cuts typed protocol messages (type byte, int32 length, payload) into frames: each frame is a retained
 * slice holding the whole message, type byte first. It only cuts; it reads no content.
 *
 * <p>On a backend connection whose receiver only forwards them, consecutive complete messages of the types
 * in {@link #isPassThrough(byte)} (DataRow, CommandComplete, ...) come as one frame holding the whole run,
 * so that a result of many rows costs one trip through the pipeline instead of one per row. Every other
 * message is a frame of its own. The ReadyForQuery that ends an answer closes the run before it, and the two
 * come as one {@link AnswerEnd}; decoding then pauses, so that whether runs are wanted is asked again before
 * the next request's answer.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private static final BooleanSupplier NEVER = () -> false;

    private final int maxLength;
    private BooleanSupplier passThroughRuns = NEVER;

    /** @param maxLength the largest message accepted, length field included */
    public FrameDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    /** Backend messages the proxy forwards without looking at them, and which may come as one run. */
    public static boolean isPassThrough(byte type) {
        return switch (type) {
            case 'D', 'T', 'C', 'I', 'n', 't', 's', '2', '3', 'd', 'c', 'H', 'V' -> true;
            default -> false;
        };
    }

    /** From now on, runs of pass-through messages come as one frame whenever this says so. */
    public void passThroughRunsWhen(BooleanSupplier condition) {
        this.passThroughRuns = condition;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean runs = passThroughRuns.getAsBoolean();
        int runStart = -1;
        while (in.readableBytes() >= 5) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            int length = in.getInt(start + 1);
            if (length < 4 || length > maxLength) {
                emitRun(in, runStart, out);
                in.skipBytes(in.readableBytes());
                throw PgException.protocolViolation(length < 4
                        ? "invalid message length " + length + " for message type '" + Frames.typeName(type) + "'"
                        : "message of type '" + Frames.typeName(type) + "' is " + length
                                + " bytes long, over the limit of " + maxLength + " bytes (max_message_size)");
            }
            if (in.readableBytes() < length + 1) {
                break;
            }
            if (runs && isPassThrough(type)) {
                if (runStart < 0) {
                    runStart = start;
                }
                in.skipBytes(length + 1);
                continue;
            }
            if (runs && type == Frames.READY_FOR_QUERY && length == 5) {
                int from = runStart < 0 ? start : runStart;
                char status = (char) in.getByte(start + 5);
                in.skipBytes(6);
                out.add(new AnswerEnd(in.retainedSlice(from, in.readerIndex() - from), status));
                return;
            }
            emitRun(in, runStart, out);
            runStart = -1;
            out.add(in.readRetainedSlice(length + 1));
            if (runs && type == Frames.READY_FOR_QUERY) {
                return;
            }
        }
        emitRun(in, runStart, out);
    }

    /** Adds the run of pass-through messages from runStart up to the reader index as one frame. */
    private static void emitRun(ByteBuf in, int runStart, List<Object> out) {
        if (runStart >= 0 && runStart < in.readerIndex()) {
            out.add(in.retainedSlice(runStart, in.readerIndex() - runStart));
        }
    }
}
