package io.raftpool.proxy.route;

/**
 * Scans the quoted constructs of PostgreSQL SQL: {@code '...'} strings (with {@code ''} for a quote, and backslash
 * escapes in {@code E'...'}), {@code "..."} identifiers (with {@code ""}) and dollar-quoted strings. Each scan runs
 * to the closing delimiter or, if there is none, to the end of the input.
 */
final class QuotedLiterals {

    /**
     * A scanned literal.
     *
     * @param token      the literal's token, its text decoded
     * @param terminated whether the closing delimiter was found
     */
    record Scan(Token token, boolean terminated) {
    }

    private QuotedLiterals() {
    }

    /**
     * A string constant starting at {@code start} whose body starts at {@code bodyStart}, just after the opening
     * quote; {@code escapes} for {@code E'...'} strings.
     */
    static Scan string(String sql, int start, int bodyStart, boolean escapes) {
        StringBuilder value = new StringBuilder();
        int pos = bodyStart;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == '\'') {
                if (pos >= sql.length() || sql.charAt(pos) != '\'') {
                    return new Scan(new Token(TokenKind.STRING, value.toString(), start, pos), true);
                }
                pos++;
                value.append('\'');
            } else if (c == '\\' && escapes) {
                pos = EscapeDecoder.decode(sql, pos, value);
            } else {
                value.append(c);
            }
        }
        return new Scan(new Token(TokenKind.STRING, value.toString(), start, pos), false);
    }

    /** A quoted identifier starting at {@code start} whose body starts at {@code bodyStart}. */
    static Scan identifier(String sql, int start, int bodyStart) {
        StringBuilder name = new StringBuilder();
        int pos = bodyStart;
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (c == '"') {
                if (pos >= sql.length() || sql.charAt(pos) != '"') {
                    return new Scan(new Token(TokenKind.QUOTED_IDENTIFIER, name.toString(), start, pos), true);
                }
                pos++;
            }
            name.append(c);
        }
        return new Scan(new Token(TokenKind.QUOTED_IDENTIFIER, name.toString(), start, pos), false);
    }

    /**
     * A dollar-quoted string whose opening {@code $tag$} starts at {@code start}, or {@code null} if no valid
     * delimiter starts there. A tag is empty or an identifier without {@code $} that does not start with a digit.
     */
    static Scan dollarQuoted(String sql, int start) {
        int i = start + 1;
        if (i < sql.length() && SqlChars.isIdentifierStart(sql.charAt(i))) {
            i++;
            while (i < sql.length() && (SqlChars.isIdentifierStart(sql.charAt(i)) || SqlChars.isDigit(sql.charAt(i)))) {
                i++;
            }
        }
        if (i >= sql.length() || sql.charAt(i) != '$') {
            return null;
        }
        String delimiter = sql.substring(start, i + 1);
        int bodyStart = i + 1;
        int close = sql.indexOf(delimiter, bodyStart);
        if (close < 0) {
            return new Scan(new Token(TokenKind.STRING, sql.substring(bodyStart), start, sql.length()), false);
        }
        return new Scan(new Token(TokenKind.STRING, sql.substring(bodyStart, close), start,
                close + delimiter.length()), true);
    }
}
