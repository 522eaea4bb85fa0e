package io.raftpool.proxy.route;

/**
 * One lexical token of an SQL string.
 *
 * @param kind  what sort of token this is
 * @param text  the token's value: lower-cased for {@link TokenKind#IDENTIFIER}, the unescaped name for
 *              {@link TokenKind#QUOTED_IDENTIFIER}, the decoded contents for {@link TokenKind#STRING}, and the
 *              source text otherwise
 * @param start offset of the token's first character in the SQL string
 * @param end   offset just past the token's last character (for an unterminated string or comment, the length of
 *              the SQL string)
 */
public record Token(TokenKind kind, String text, int start, int end) {

    /** Whether this is the unquoted identifier (keyword) {@code lowerCaseWord}. Quoted identifiers never match. */
    public boolean isKeyword(String lowerCaseWord) {
        return kind == TokenKind.IDENTIFIER && text.equals(lowerCaseWord);
    }

    /** Whether this token names something: an unquoted or a quoted identifier. */
    public boolean isName() {
        return kind == TokenKind.IDENTIFIER || kind == TokenKind.QUOTED_IDENTIFIER;
    }

    /** Whether this token is of the given kind. */
    public boolean is(TokenKind wanted) {
        return kind == wanted;
    }
}
