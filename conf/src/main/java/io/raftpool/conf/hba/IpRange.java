package io.raftpool.conf.hba;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * An IP address with a mask, written {@code 10.0.0.0/8}, {@code fe80::/10} or as an address and a
 * separate netmask field. A client matches when its address has the same family (IPv4 or IPv6) and agrees
 * with the address on every bit set in the mask; an IPv4 rule never matches an IPv6 client, not even an
 * IPv4-mapped one, and the reverse.
 */
public final class IpRange implements AddressMatch {
    private final byte[] address;
    private final byte[] mask;

    IpRange(byte[] address, byte[] mask) {
        if (address.length != mask.length || (address.length != 4 && address.length != 16)) {
            throw new IllegalArgumentException("address and mask must both be 4 or both be 16 bytes");
        }
        this.address = address.clone();
        this.mask = mask.clone();
    }

    /** The range of {@code prefixLength} leading bits of {@code address}. */
    public static IpRange of(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        if (prefixLength < 0 || prefixLength > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0.." + bytes.length * 8);
        }
        return new IpRange(bytes, maskOfLength(bytes.length, prefixLength));
    }

    static byte[] maskOfLength(int byteCount, int prefixLength) {
        byte[] mask = new byte[byteCount];
        for (int bit = 0; bit < prefixLength; bit++) {
            mask[bit / 8] |= (byte) (0x80 >>> (bit % 8));
        }
        return mask;
    }

    /** Whether {@code client} lies in this range. */
    public boolean contains(InetAddress client) {
        byte[] bytes = client.getAddress();
        if (bytes.length != address.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (((bytes[i] ^ address[i]) & mask[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether this is an IPv6 range. */
    public boolean isIpv6() {
        return address.length == 16;
    }

    /** The address as written (it may have bits set outside the mask; they are ignored). */
    public byte[] address() {
        return address.clone();
    }

    /** The mask as bytes. */
    public byte[] mask() {
        return mask.clone();
    }

    /** The number of leading one bits of the mask, or empty if the mask is not contiguous. */
    public OptionalInt prefixLength() {
        int ones = 0;
        while (ones < mask.length * 8 && (mask[ones / 8] & (0x80 >>> (ones % 8))) != 0) {
            ones++;
        }
        return Arrays.equals(mask, maskOfLength(mask.length, ones)) ? OptionalInt.of(ones) : OptionalInt.empty();
    }

    /** Whether the address has bits set where the mask is zero. */
    boolean hasHostBits() {
        for (int i = 0; i < address.length; i++) {
            if ((address[i] & ~mask[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code 10.0.0.0/8}, or {@code 10.0.0.0 255.0.255.0} for a mask that is not contiguous. */
    @Override
    public String toString() {
        OptionalInt prefix = prefixLength();
        return prefix.isPresent() ? text(address) + "/" + prefix.getAsInt() : text(address) + " " + text(mask);
    }

    private static String text(byte[] bytes) {
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return "::ffff:" + text(Arrays.copyOfRange(bytes, 12, 16));
        }
        // The longest run of two or more zero groups (the first of equal runs) becomes "::" (RFC 5952).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange other && Arrays.equals(address, other.address) && Arrays.equals(mask, other.mask);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(address) + Arrays.hashCode(mask);
    }
}
