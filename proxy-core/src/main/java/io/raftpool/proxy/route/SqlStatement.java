package io.raftpool.proxy.route;

import java.util.List;

/**
 * One statement of a query string.
 *
 * @param source   the whole query string
 * @param from     where the statement's text starts in {@code source} (just after the previous semicolon)
 * @param to       where it ends (at its terminating semicolon, or the end of {@code source})
 * @param tokens   the statement's significant tokens (no whitespace, comments or terminating semicolon); never empty
 * @param balanced whether its parentheses balance (if not, the server will reject it)
 */
record SqlStatement(String source, int from, int to, List<Token> tokens, boolean balanced) {

    /** The statement's source text, comments kept, without surrounding whitespace or its terminating semicolon. */
    String text() {
        return source.substring(from, to).strip();
    }
}
