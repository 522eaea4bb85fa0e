package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Gathers the small messages bound for one peer into one buffer, so that an answer such as RowDescription,
 * DataRow, CommandComplete and ReadyForQuery (or a Bind, Execute, Sync batch) reaches the socket as one write
 * instead of one trip through the pipeline each. A large message goes out as it is (no copy), after what was
 * gathered. Whatever is gathered is written at {@link #flush()}, or by {@link #emit()} before any other write
 * to the channel, so the order of messages never changes. Used on the channel's event loop only.
 */
public final class GatheringWriter {

    /** Messages up to this size are copied into the gathering buffer; larger ones are passed on as they are. */
    public static final int COPY_LIMIT = 512;
    /** A gathering buffer this full is handed to the channel, so that backpressure still sees the bytes. */
    public static final int GATHER_LIMIT = 8192;

    private final Channel channel;
    private ByteBuf gathered;

    public GatheringWriter(Channel channel) {
        this.channel = channel;
    }

    /** Queues a message (the writer takes ownership of it); nothing is sent until {@link #flush()}. */
    public void write(ByteBuf frame) {
        int size = frame.readableBytes();
        if (size > COPY_LIMIT) {
            emit();
            channel.write(frame, channel.voidPromise());
            return;
        }
        if (gathered == null) {
            gathered = channel.alloc().directBuffer(Math.max(1024, size));
        }
        gathered.writeBytes(frame, frame.readerIndex(), size);
        frame.release();
        if (gathered.readableBytes() >= GATHER_LIMIT) {
            emit();
        }
    }

    /** Hands what was gathered to the channel without flushing: call before writing to the channel directly. */
    public void emit() {
        ByteBuf g = gathered;
        if (g != null) {
            gathered = null;
            channel.write(g, channel.voidPromise());
        }
    }

    /** Sends everything queued. */
    public void flush() {
        emit();
        channel.flush();
    }

    /** Drops what was gathered (the connection is being abandoned). */
    public void discard() {
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
    }
}
