package io.raftpool.watchdog.lifecheck;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One heartbeat datagram, and its wire format (version 1, big-endian):
 *
 * <pre>
 * offset size
 *      0    4  magic "RPHB"
 *      4    1  version: 1
 *      5    1  flags: bit 0 set when an HMAC follows; other bits must be 0
 *      6    2  sender's watchdog node id (unsigned)
 *      8    8  sequence number, counting up from 1 for each sending round of this sender's run
 *     16    8  send time: microseconds since the epoch, as the sender's wall clock read when it started
 *              plus its monotonic clock since; only compared with the same sender's earlier send times
 *     24   32  HMAC-SHA256 of bytes 0..23, keyed by wd_authkey (present only with flag bit 0)
 * </pre>
 *
 * A datagram of any other length, magic, version or flags is not a heartbeat. Raftpool's heartbeats are
 * its own: a Pgpool-II node's heartbeats are not understood (nor are raftpool's by Pgpool-II).
 *
 * @param senderId       the sender's watchdog node id
 * @param sequence       the sender's round number
 * @param sendTimeMicros when it was sent, as described above
 */
record HeartbeatPacket(int senderId, long sequence, long sendTimeMicros) {

    static final int MAGIC = 0x52504842;
    static final int VERSION = 1;
    static final int FLAG_HMAC = 0x01;
    static final int BODY_LENGTH = 24;
    static final int HMAC_LENGTH = 32;
    /** The longest heartbeat; a datagram longer than this is not one. */
    static final int MAX_LENGTH = BODY_LENGTH + HMAC_LENGTH;

    private static final String HMAC_ALGORITHM = "HmacSHA256";

    HeartbeatPacket {
        if (senderId < 0 || senderId > 0xFFFF) {
            throw new IllegalArgumentException("sender id out of range: " + senderId);
        }
    }

    /**
     * The datagram.
     *
     * @param key wd_authkey's bytes; empty to send without an HMAC
     */
    byte[] encode(byte[] key) {
        boolean authenticated = key.length > 0;
        ByteBuffer out = ByteBuffer.allocate(authenticated ? MAX_LENGTH : BODY_LENGTH);
        out.putInt(MAGIC).put((byte) VERSION).put((byte) (authenticated ? FLAG_HMAC : 0)).putShort((short) senderId)
                .putLong(sequence).putLong(sendTimeMicros);
        if (authenticated) {
            out.put(hmac(key, out.array()));
        }
        return out.array();
    }

    /**
     * Reads a datagram, from its position to its limit.
     *
     * @param key wd_authkey's bytes; when not empty, only a datagram with a matching HMAC is accepted. When
     *            empty, any well-formed heartbeat is accepted, with or without an HMAC (which is not checked),
     *            as Pgpool-II does without wd_authkey.
     * @throws Rejected when the datagram is not an acceptable heartbeat; nothing else is thrown, whatever
     *                  its content
     */
    static HeartbeatPacket decode(ByteBuffer datagram, byte[] key) throws Rejected {
        ByteBuffer in = datagram.slice();
        int length = in.remaining();
        if (length < 6) {
            throw new Rejected(Rejection.MALFORMED, length + " bytes");
        }
        if (in.getInt(0) != MAGIC) {
            throw new Rejected(Rejection.NOT_A_HEARTBEAT, "bad magic");
        }
        int version = in.get(4) & 0xFF;
        if (version != VERSION) {
            throw new Rejected(Rejection.UNSUPPORTED_VERSION, "version " + version + ", this build speaks " + VERSION);
        }
        int flags = in.get(5) & 0xFF;
        if ((flags & ~FLAG_HMAC) != 0) {
            throw new Rejected(Rejection.MALFORMED, "unknown flags " + Integer.toHexString(flags));
        }
        boolean hasHmac = (flags & FLAG_HMAC) != 0;
        int expected = hasHmac ? MAX_LENGTH : BODY_LENGTH;
        if (length != expected) {
            throw new Rejected(Rejection.MALFORMED, length + " bytes, expected " + expected);
        }
        if (key.length > 0) {
            if (!hasHmac) {
                throw new Rejected(Rejection.UNAUTHENTICATED, "no HMAC");
            }
            byte[] body = new byte[BODY_LENGTH];
            byte[] received = new byte[HMAC_LENGTH];
            in.get(0, body).get(BODY_LENGTH, received);
            if (!MessageDigest.isEqual(hmac(key, body), received)) {
                throw new Rejected(Rejection.BAD_HMAC, "HMAC does not match");
            }
        }
        return new HeartbeatPacket(in.getShort(6) & 0xFFFF, in.getLong(8), in.getLong(16));
    }

    /** HMAC-SHA256 of the first {@link #BODY_LENGTH} bytes of {@code packet}. */
    private static byte[] hmac(byte[] key, byte[] packet) {
        try {
            Mac mac = Mac.getInstance(HMAC_ALGORITHM);
            mac.init(new SecretKeySpec(key, HMAC_ALGORITHM));
            mac.update(packet, 0, BODY_LENGTH);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC_ALGORITHM, e);
        }
    }

    /** Why a datagram was refused. */
    enum Rejection {
        MALFORMED("malformed heartbeat"),
        NOT_A_HEARTBEAT("datagram that is not a raftpool heartbeat"),
        UNSUPPORTED_VERSION("heartbeat of an unsupported version"),
        UNAUTHENTICATED("unauthenticated heartbeat (wd_authkey is set here, not at the sender)"),
        BAD_HMAC("heartbeat that fails authentication (wd_authkey differs, or it was altered)"),
        UNKNOWN_MEMBER("heartbeat from a node id that is not a configured heartbeat member"),
        OWN_ID("heartbeat carrying this member's own node id (another instance with the same pgpool_node_id?)");

        private final String description;

        Rejection(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /** A datagram refused, and why. */
    static final class Rejected extends Exception {
        private final Rejection reason;

        Rejected(Rejection reason, String detail) {
            super(reason.description() + ": " + detail, null, false, false);
            this.reason = reason;
        }

        Rejection reason() {
            return reason;
        }
    }
}
