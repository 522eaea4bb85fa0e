package io.raftpool.conf.hba;

import java.util.Arrays;

/**
 * Parses numeric IP addresses without ever consulting DNS. IPv4 must be four decimal parts without leading
 * zeros (the C library would read {@code 010} as octal, so such addresses are refused rather than guessed);
 * IPv6 is the usual colon form with at most one {@code ::}, an optional trailing IPv4 part and an optional
 * {@code %zone}, which is ignored.
 */
final class IpLiterals {
    private IpLiterals() {
    }

    /** The 4 or 16 bytes of {@code text}, or {@code null} if it is not a numeric address. */
    static byte[] parse(String text) {
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(IpLiterals::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(p);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    static byte[] parseIpv6(String text) {
        int zone = text.indexOf('%');
        String s = zone >= 0 ? text.substring(0, zone) : text;
        if (zone == 0 || zone == text.length() - 1) {
            return null;
        }
        int gap = s.indexOf("::");
        if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = gap >= 0 ? groups(s.substring(0, gap), false) : groups(s, true);
        byte[] tail = gap >= 0 ? groups(s.substring(gap + 2), true) : new byte[0];
        if (head == null || tail == null) {
            return null;
        }
        int length = head.length + tail.length;
        if (gap >= 0 ? length > 14 : length != 16) {
            return null;
        }
        byte[] bytes = new byte[16];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, 16 - tail.length, tail.length);
        return bytes;
    }

    /** Colon-separated hex groups (and, if {@code last}, a final IPv4 part) as bytes; null if malformed. */
    private static byte[] groups(String s, boolean last) {
        if (s.isEmpty()) {
            return new byte[0];
        }
        String[] parts = s.split(":", -1);
        byte[] bytes = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (last && i == parts.length - 1 && p.indexOf('.') >= 0) {
                byte[] v4 = parseIpv4(p);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, bytes, n, 4);
                n += 4;
            } else {
                if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(IpLiterals::isHexDigit)) {
                    return null;
                }
                int value = Integer.parseInt(p, 16);
                bytes[n++] = (byte) (value >>> 8);
                bytes[n++] = (byte) value;
            }
        }
        return Arrays.copyOf(bytes, n);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
