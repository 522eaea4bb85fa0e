package io.raftpool.proxy.route;

/** Decodes the backslash escapes of PostgreSQL's {@code E'...'} strings. */
final class EscapeDecoder {

    private EscapeDecoder() {
    }

    /**
     * Decodes the escape whose backslash has just been consumed; {@code pos} is the offset of the character after
     * the backslash. Appends the decoded character(s) to {@code out} and returns the offset after the escape.
     * Malformed escapes decode to the escaped character itself, so decoding never fails.
     */
    static int decode(String sql, int pos, StringBuilder out) {
        if (pos >= sql.length()) {
            return pos;
        }
        char c = sql.charAt(pos);
        switch (c) {
            case 'b':
                out.append('\b');
                return pos + 1;
            case 'f':
                out.append('\f');
                return pos + 1;
            case 'n':
                out.append('\n');
                return pos + 1;
            case 'r':
                out.append('\r');
                return pos + 1;
            case 't':
                out.append('\t');
                return pos + 1;
            case 'x':
                return radix(sql, pos + 1, 16, 2, 'x', out);
            case 'u':
                return radix(sql, pos + 1, 16, 4, 'u', out);
            case 'U':
                return radix(sql, pos + 1, 16, 8, 'U', out);
            default:
                if (c >= '0' && c <= '7') {
                    return radix(sql, pos, 8, 3, c, out);
                }
                out.append(c);
                return pos + 1;
        }
    }

    /** Reads up to {@code maxDigits} digits of {@code radix}; with none, appends {@code fallback} instead. */
    private static int radix(String sql, int pos, int radix, int maxDigits, char fallback, StringBuilder out) {
        int value = 0;
        int i = pos;
        while (i < sql.length() && i - pos < maxDigits && Character.digit(sql.charAt(i), radix) >= 0) {
            value = value * radix + Character.digit(sql.charAt(i), radix);
            i++;
        }
        if (i == pos) {
            out.append(fallback);
            return pos;
        }
        if (Character.isValidCodePoint(value)) {
            out.appendCodePoint(value);
        }
        return i;
    }
}
