package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts typed protocol messages (type byte, int32 length, payload) into frames: each frame is a retained
 * slice holding the whole message, type byte first. It only cuts; it reads no content.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private final int maxLength;

    /** @param maxLength the largest message accepted, length field included */
    public FrameDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 5) {
            int start = in.readerIndex();
            byte type = in.getByte(start);
            int length = in.getInt(start + 1);
            if (length < 4 || length > maxLength) {
                in.skipBytes(in.readableBytes());
                throw PgException.protocolViolation(length < 4
                        ? "invalid message length " + length + " for message type '" + Frames.typeName(type) + "'"
                        : "message of type '" + Frames.typeName(type) + "' is " + length
                                + " bytes long, over the limit of " + maxLength + " bytes (max_message_size)");
            }
            if (in.readableBytes() < length + 1) {
                return;
            }
            out.add(in.readRetainedSlice(length + 1));
        }
    }
}
