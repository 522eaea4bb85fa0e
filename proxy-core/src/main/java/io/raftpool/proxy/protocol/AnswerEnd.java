package io.raftpool.proxy.protocol;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * The end of a backend's answer as {@link FrameDecoder} delivers it when runs are wanted: the run of
 * pass-through messages read with it (possibly none) and the ReadyForQuery that closes the answer, as one
 * buffer, so that a whole answer usually costs one trip through the pipeline.
 *
 * @param messages whole messages, the last of them the ReadyForQuery; whoever takes the record owns it
 * @param status   the ReadyForQuery's transaction status: 'I', 'T' or 'E'
 */
public record AnswerEnd(ByteBuf messages, char status) {

    /** Hands each message to {@code each} as a frame of its own, in order, and releases the whole. */
    public void split(Consumer<ByteBuf> each) {
        try {
            for (int i = messages.readerIndex(); i < messages.writerIndex(); ) {
                int size = 1 + messages.getInt(i + 1);
                each.accept(messages.retainedSlice(i, size));
                i += size;
            }
        } finally {
            messages.release();
        }
    }
}
