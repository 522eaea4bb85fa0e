package io.raftpool.proxy.route;

import java.nio.charset.StandardCharsets;

/** Character classes of PostgreSQL's scanner. */
final class SqlChars {

    private SqlChars() {
    }

    /** Space, tab, newline, carriage return, form feed or vertical tab (C's {@code isspace}). */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** An ASCII digit. */
    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters, underscore and every non-ASCII character, as in PostgreSQL's scanner. */
    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    /** A character that may appear in an operator. */
    static boolean isOperatorChar(char c) {
        switch (c) {
            case '+': case '-': case '*': case '/': case '<': case '>': case '=': case '~': case '!':
            case '@': case '#': case '%': case '^': case '&': case '|': case '`': case '?':
                return true;
            default:
                return false;
        }
    }

    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c).intern();
        }
    }

    /** Lower-cases ASCII letters only, as PostgreSQL does when folding identifiers. */
    static String lowerAscii(String text) {
        byte[] latin1 = new byte[text.length()];
        for (int i = 0; i < latin1.length; i++) {
            char c = text.charAt(i);
            if (c > 0xFF) {
                return lowerAsciiWide(text);
            }
            latin1[i] = (byte) FoldedNames.fold(c);
        }
        return new String(latin1, StandardCharsets.ISO_8859_1);
    }

    private static String lowerAsciiWide(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = FoldedNames.fold(chars[i]);
        }
        return new String(chars);
    }

    /** A shared String holding just {@code c} when it is ASCII, else {@code null}. */
    static String oneCharString(char c) {
        return c < ONE_CHAR.length ? ONE_CHAR[c] : null;
    }
}
