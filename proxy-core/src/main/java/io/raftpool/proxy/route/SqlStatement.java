package io.raftpool.proxy.route;

import java.util.List;

/**
 * One statement of a query string.
 *
 * @param text   the statement's source text, comments kept, without surrounding whitespace or its terminating semicolon
 * @param tokens the statement's significant tokens (no whitespace, comments or terminating semicolon); never empty
 * @param balanced whether its parentheses balance (if not, the server will reject it)
 */
record SqlStatement(String text, List<Token> tokens, boolean balanced) {
}
