package io.raftpool.proxy.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatheringWriterTest {

    private final EmbeddedChannel client = new EmbeddedChannel();
    private final GatheringWriter writer = new GatheringWriter(client);

    @Test
    void smallMessagesReachTheClientAsOneBufferAtFlush() {
        ByteBuf a = text("T-row-description");
        ByteBuf b = text("D-row");
        writer.write(a);
        writer.write(b);
        assertNull(client.readOutbound(), "nothing is written before the flush");
        writer.flush();
        assertEquals(List.of("T-row-descriptionD-row"), written());
        assertEquals(0, a.refCnt(), "the copied message is released");
        assertEquals(0, b.refCnt());
    }

    @Test
    void aLargeMessageFollowsWhatWasGatheredWithoutBeingCopied() {
        ByteBuf large = text("L".repeat(GatheringWriter.COPY_LIMIT + 1));
        writer.write(text("C-complete"));
        writer.write(large);
        writer.write(text("Z"));
        writer.flush();
        assertEquals(List.of("C-complete", "L".repeat(GatheringWriter.COPY_LIMIT + 1), "Z"), written());
    }

    @Test
    void emitKeepsTheOrderAheadOfADirectWrite() {
        writer.write(text("before"));
        writer.emit();
        client.writeAndFlush(text("direct"));
        assertEquals(List.of("before", "direct"), written());
    }

    @Test
    void aFullGatheringBufferGoesToTheChannelBeforeTheFlush() {
        String chunk = "x".repeat(GatheringWriter.COPY_LIMIT);
        int n = GatheringWriter.GATHER_LIMIT / GatheringWriter.COPY_LIMIT;
        for (int i = 0; i < n; i++) {
            writer.write(text(chunk));
        }
        client.flush();
        assertEquals(List.of(chunk.repeat(n)), written(), "handed over once it reached the limit");
    }

    @Test
    void messagesNextToEachOtherInOneReadBufferGoOutAsOneSliceOfItUncopied() {
        ByteBuf read = pooled("T-desc|D-rowZ");
        ByteBuf run = read.retainedSlice(0, 12);
        ByteBuf ready = read.retainedSlice(12, 1);
        writer.write(run);
        writer.write(ready);
        writer.flush();
        ByteBuf out = client.readOutbound();
        assertEquals("T-desc|D-rowZ", out.toString(StandardCharsets.US_ASCII));
        assertEquals(read.memoryAddress(), out.memoryAddress() + out.readerIndex(), "a view of the read buffer, not a copy");
        assertEquals(0, run.refCnt(), "the joined messages are released");
        assertEquals(0, ready.refCnt());
        out.release();
        assertEquals(1, read.refCnt(), "only the reader's own reference is left");
        read.release();
    }

    @Test
    void theJoinedSliceOutlivesTheReadersOwnReference() {
        ByteBuf read = pooled("C-completeZ");
        writer.write(read.retainedSlice(0, 10));
        writer.write(read.retainedSlice(10, 1));
        read.release();
        writer.flush();
        assertEquals(List.of("C-completeZ"), written());
        assertEquals(0, read.refCnt(), "freed with the last view of it");
    }

    @Test
    void slicesTheLeakDetectorWrapsAreCopiedNotJoinedPastIt() {
        ByteBuf read = pooled("T-descZ", ResourceLeakDetector.Level.PARANOID);
        writer.write(read.retainedSlice(0, 6));
        writer.write(read.retainedSlice(6, 1));
        writer.flush();
        ByteBuf out = client.readOutbound();
        assertEquals("T-descZ", out.toString(StandardCharsets.US_ASCII));
        assertNotEquals(read.memoryAddress(), out.memoryAddress() + out.readerIndex(), "a copy");
        out.release();
        read.release();
        assertEquals(0, read.refCnt());
    }

    @Test
    void slicesOfOneBufferThatAreNotNextToEachOtherAreCopiedInOrder() {
        ByteBuf read = pooled("first|skipped|second");
        writer.write(read.retainedSlice(0, 5));
        writer.write(read.retainedSlice(14, 6));
        writer.flush();
        assertEquals(List.of("firstsecond"), written());
        assertEquals(1, read.refCnt());
        read.release();
    }

    @Test
    void aLoneMessageIsWrittenAsItIs() {
        ByteBuf query = text("Q-select");
        writer.write(query);
        writer.flush();
        ByteBuf out = client.readOutbound();
        assertSame(query, out);
        out.release();
    }

    @Test
    void aLargeMessageAloneGoesToTheChannelAtOnceForBackpressureToSee() {
        String rows = "D".repeat(GatheringWriter.GATHER_LIMIT);
        writer.write(text(rows));
        client.flush();
        assertEquals(List.of(rows), written(), "handed over without waiting for the writer's flush");
    }

    @Test
    void discardReleasesWhatWasGathered() {
        ByteBuf held = text("abandoned");
        ByteBuf copied = text("copied");
        writer.write(held);
        writer.discard();
        assertEquals(0, held.refCnt(), "a message held as it is is released");
        writer.write(text("gathered"));
        writer.write(copied);
        writer.discard();
        writer.flush();
        assertEquals(List.of(), written());
        assertEquals(0, copied.refCnt());
    }

    /**
     * As the event loop reads in production: a pooled buffer, whose slices count their references apart from
     * it, and not wrapped by the leak detector (these tests run it at paranoid, which wraps every buffer).
     */
    private static ByteBuf pooled(String s) {
        return pooled(s, ResourceLeakDetector.Level.DISABLED);
    }

    private static ByteBuf pooled(String s, ResourceLeakDetector.Level leakDetection) {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(leakDetection);
        try {
            return PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(s.getBytes(StandardCharsets.US_ASCII));
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static ByteBuf text(String s) {
        return Unpooled.directBuffer().writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        for (ByteBuf b; (b = client.readOutbound()) != null; ) {
            out.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return out;
    }
}
