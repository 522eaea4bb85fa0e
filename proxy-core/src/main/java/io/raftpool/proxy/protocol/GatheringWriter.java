package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Gathers the small messages bound for one peer so that an answer such as RowDescription, DataRow,
 * CommandComplete and ReadyForQuery (or a Bind, Execute, Sync batch) reaches the socket as one write instead
 * of one trip through the pipeline each. Messages that lie next to each other in the buffer they were read
 * into (the usual case: one answer, or one batch, read at once) are joined into one slice of it without
 * copying; others are copied into a gathering buffer. A large message goes out as it is (no copy), after what
 * was gathered. Whatever is gathered is written at {@link #flush()}, or by {@link #emit()} before any other
 * write to the channel, so the order of messages never changes. Used on the channel's event loop only.
 */
public final class GatheringWriter {

    /** Messages up to this size are copied into the gathering buffer; larger ones are passed on as they are. */
    public static final int COPY_LIMIT = 512;
    /** A gathering buffer this full is handed to the channel, so that backpressure still sees the bytes. */
    public static final int GATHER_LIMIT = 8192;

    private final Channel channel;
    /** Messages held as they arrived (joined when adjacent), not copied yet; never set together with gathered. */
    private ByteBuf held;
    private ByteBuf gathered;

    public GatheringWriter(Channel channel) {
        this.channel = channel;
    }

    /** Queues a message (the writer takes ownership of it); nothing is sent until {@link #flush()}. */
    public void write(ByteBuf frame) {
        int size = frame.readableBytes();
        if (gathered == null) {
            if (held == null) {
                held = frame;
                if (size >= GATHER_LIMIT) {
                    emit();     // a large run of rows goes to the channel now, where backpressure sees it
                }
                return;
            }
            ByteBuf joined = joinIfAdjacent(held, frame);
            if (joined != null) {
                held = joined;
                if (joined.readableBytes() >= GATHER_LIMIT) {
                    emit();
                }
                return;
            }
            if (held.readableBytes() > COPY_LIMIT || size > COPY_LIMIT) {
                emit();
                held = frame;
                return;
            }
            gathered = channel.alloc().directBuffer(Math.max(1024, held.readableBytes() + size));
            gathered.writeBytes(held, held.readerIndex(), held.readableBytes());
            held.release();
            held = null;
        } else if (size > COPY_LIMIT) {
            emit();
            held = frame;
            return;
        }
        gathered.writeBytes(frame, frame.readerIndex(), size);
        frame.release();
        if (gathered.readableBytes() >= GATHER_LIMIT) {
            emit();
        }
    }

    /**
     * One slice covering a and b when b starts where a ends and both are views straight onto the same
     * buffer (slices of what one read brought in), taking over their references; otherwise null and both are
     * left as they are. Views of views are left alone: among them are Netty's leak-detection wrappers, whose
     * tracking a slice taken past them would bypass.
     */
    static ByteBuf joinIfAdjacent(ByteBuf a, ByteBuf b) {
        ByteBuf parent = a.unwrap();
        if (parent == null || parent != b.unwrap() || parent.unwrap() != null || !parent.hasMemoryAddress()
                || !a.hasMemoryAddress() || !b.hasMemoryAddress()) {
            return null;
        }
        long aStart = a.memoryAddress() + a.readerIndex();
        if (aStart + a.readableBytes() != b.memoryAddress() + b.readerIndex()) {
            return null;
        }
        ByteBuf joined = parent.retainedSlice((int) (aStart - parent.memoryAddress()), a.readableBytes() + b.readableBytes());
        a.release();
        b.release();
        return joined;
    }

    /** Hands what was gathered to the channel without flushing: call before writing to the channel directly. */
    public void emit() {
        ByteBuf h = held;
        if (h != null) {
            held = null;
            channel.write(h, channel.voidPromise());
        }
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
        if (held != null) {
            held.release();
            held = null;
        }
        if (gathered != null) {
            gathered.release();
            gathered = null;
        }
    }
}
