package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Gathers the small backend messages bound for a client into one buffer, so that an answer such as
 * RowDescription, DataRow, CommandComplete and ReadyForQuery reaches the socket as one write instead of
 * four trips through the pipeline. A large message goes out as it is (no copy), after what was gathered.
 * Whatever is gathered is written at {@link #flush()}, and before any other write to the client, so the
 * order of messages never changes.
 */
final class ClientWriter {

    /** Messages up to this size are copied into the gathering buffer; larger ones are passed on as they are. */
    static final int COPY_LIMIT = 512;
    /** A gathering buffer this full is handed to the channel, so that backpressure still sees the bytes. */
    static final int GATHER_LIMIT = 8192;

    private final Channel client;
    private ByteBuf gathered;

    ClientWriter(Channel client) {
        this.client = client;
    }

    /** Queues a message (the writer takes ownership of it); nothing is sent until {@link #flush()}. */
    void write(ByteBuf frame) {
        int size = frame.readableBytes();
        if (size > COPY_LIMIT) {
            emit();
            client.write(frame, client.voidPromise());
            return;
        }
        if (gathered == null) {
            gathered = client.alloc().directBuffer(Math.max(256, size));
        }
        gathered.writeBytes(frame, frame.readerIndex(), size);
        frame.release();
        if (gathered.readableBytes() >= GATHER_LIMIT) {
            emit();
        }
    }

    /** Hands what was gathered to the channel without flushing: call before writing to the client directly. */
    void emit() {
        ByteBuf g = gathered;
        if (g != null) {
            gathered = null;
            client.write(g, client.voidPromise());
        }
    }

    /** Sends everything queued. */
    void flush() {
        emit();
        client.flush();
    }

    /** Drops what was gathered (the session ended). */
    void discard() {
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
    }
}
