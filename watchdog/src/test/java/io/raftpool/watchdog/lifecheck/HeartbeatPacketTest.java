package io.raftpool.watchdog.lifecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.raftpool.watchdog.lifecheck.HeartbeatPacket.Rejected;
import io.raftpool.watchdog.lifecheck.HeartbeatPacket.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeartbeatPacketTest {

    private static final byte[] KEY = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NO_KEY = new byte[0];
    private static final HeartbeatPacket PACKET = new HeartbeatPacket(65535, 42, 1_700_000_000_123_456L);

    private static HeartbeatPacket decode(byte[] datagram, byte[] key) throws Rejected {
        return HeartbeatPacket.decode(ByteBuffer.wrap(datagram), key);
    }

    private static Rejection rejection(byte[] datagram, byte[] key) {
        return assertThrows(Rejected.class, () -> decode(datagram, key)).reason();
    }

    @Test
    void roundTripsWithAndWithoutKey() throws Rejected {
        assertEquals(PACKET, decode(PACKET.encode(KEY), KEY));
        assertEquals(PACKET, decode(PACKET.encode(NO_KEY), NO_KEY));
        assertEquals(HeartbeatPacket.MAX_LENGTH, PACKET.encode(KEY).length);
        assertEquals(HeartbeatPacket.BODY_LENGTH, PACKET.encode(NO_KEY).length);
    }

    @Test
    void theLayoutIsTheDocumentedOne() {
        ByteBuffer b = ByteBuffer.wrap(new HeartbeatPacket(3, 7, 9).encode(NO_KEY));
        assertEquals(0x52504842, b.getInt());
        assertEquals(1, b.get());
        assertEquals(0, b.get());
        assertEquals(3, b.getShort());
        assertEquals(7, b.getLong());
        assertEquals(9, b.getLong());
    }

    @Test
    void withAKeyOnlyAMatchingHmacIsAccepted() {
        assertEquals(Rejection.BAD_HMAC, rejection(PACKET.encode("other".getBytes(StandardCharsets.UTF_8)), KEY));
        assertEquals(Rejection.UNAUTHENTICATED, rejection(PACKET.encode(NO_KEY), KEY));
        byte[] altered = PACKET.encode(KEY);
        altered[15] ^= 1;
        assertEquals(Rejection.BAD_HMAC, rejection(altered, KEY));
    }

    @Test
    void withoutAKeyAnAuthenticatedHeartbeatIsAcceptedToo() throws Rejected {
        assertEquals(PACKET, decode(PACKET.encode(KEY), NO_KEY));
    }

    @Test
    void wrongShapesAreRejectedWithTheirReason() {
        byte[] good = PACKET.encode(KEY);
        assertEquals(Rejection.MALFORMED, rejection(new byte[0], KEY));
        assertEquals(Rejection.MALFORMED, rejection(Arrays.copyOf(good, good.length - 1), KEY));
        assertEquals(Rejection.MALFORMED, rejection(Arrays.copyOf(good, good.length + 1), KEY));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertEquals(Rejection.NOT_A_HEARTBEAT, rejection(magic, KEY));
        byte[] version = good.clone();
        version[4] = 2;
        assertEquals(Rejection.UNSUPPORTED_VERSION, rejection(version, KEY));
        byte[] flags = good.clone();
        flags[5] = 3;
        assertEquals(Rejection.MALFORMED, rejection(flags, KEY));
    }

    @Test
    void decodingReadsFromTheBufferPositionToItsLimit() throws Rejected {
        byte[] good = PACKET.encode(NO_KEY);
        byte[] framed = new byte[good.length + 10];
        System.arraycopy(good, 0, framed, 5, good.length);
        assertEquals(PACKET, HeartbeatPacket.decode(ByteBuffer.wrap(framed, 5, good.length), NO_KEY));
    }

    @Test
    void randomBytesAreRejectedAndNeverThrowAnythingElse() {
        Random random = new Random(4711);
        byte[] good = PACKET.encode(KEY);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk;
            if (i % 2 == 0) {
                junk = new byte[random.nextInt(HeartbeatPacket.MAX_LENGTH + 8)];
                random.nextBytes(junk);
            } else {
                // Plausible headers with random bodies and lengths: past the magic and version checks.
                junk = Arrays.copyOf(good, random.nextBoolean() ? good.length : random.nextInt(good.length + 8));
                for (int j = 6; j < junk.length; j++) {
                    junk[j] = (byte) random.nextInt();
                }
            }
            byte[] datagram = junk;
            for (byte[] key : new byte[][] {KEY, NO_KEY}) {
                try {
                    decode(datagram, key);
                    // Without a key a well-formed random body is a valid heartbeat; with one it never is.
                    assertEquals(0, key.length, "accepted junk under a key: " + Arrays.toString(datagram));
                } catch (Rejected expected) {
                    // fine
                }
            }
        }
    }
}
