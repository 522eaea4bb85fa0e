package io.raftpool.proxy.route;

/**
 * Case-folded identifier texts, remembered: a query names the same keywords and tables again and again, so
 * the lexer hands out the one String it made last time (hash code already computed) instead of a new,
 * lower-cased copy per token. A fixed number of slots, each holding the last short name that hashed there;
 * a name is always checked character by character before it is reused, so a collision costs only a new String.
 *
 * <p>Shared by every thread without locks: a slot is one reference, and a String is immutable (its final
 * fields make it safe to read through a racy reference), so the worst a race does is miss the cache.
 */
final class FoldedNames {

    private static final int SLOTS = 4096;
    private static final int MAX_LENGTH = 63;   // NAMEDATALEN - 1: longer names are not remembered
    private static final String[] CACHE = new String[SLOTS];

    private FoldedNames() {
    }

    /** ASCII A-Z lower-cased, anything else unchanged, as PostgreSQL folds unquoted identifiers. */
    static char fold(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /**
     * The folded text of {@code sql[start, end)}.
     *
     * @param foldedHash {@link String#hashCode()} of the folded text, which the lexer computes as it scans
     */
    static String of(String sql, int start, int end, int foldedHash) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return fold(sql, start, end);
        }
        int slot = (foldedHash ^ (foldedHash >>> 12)) & (SLOTS - 1);
        String cached = CACHE[slot];
        if (cached != null && cached.length() == length && matches(cached, sql, start)) {
            return cached;
        }
        String folded = fold(sql, start, end);
        CACHE[slot] = folded;
        return folded;
    }

    private static boolean matches(String folded, String sql, int start) {
        for (int i = 0; i < folded.length(); i++) {
            if (folded.charAt(i) != fold(sql.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private static String fold(String sql, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = sql.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return SqlChars.lowerAscii(sql.substring(start, end));
            }
        }
        return sql.substring(start, end);
    }
}
