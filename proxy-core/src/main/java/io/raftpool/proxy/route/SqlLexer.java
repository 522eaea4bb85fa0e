package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.List;

/**
 * A lexer for PostgreSQL SQL that follows the server's own scanner closely enough to find statement boundaries and
 * keywords: nested block comments, {@code ''}-doubled and {@code E'\''}-escaped strings, dollar quoting with tags,
 * quoted identifiers and positional parameters. It never fails: an unterminated string, quoted identifier or
 * comment becomes one token that runs to the end of the input, and a character it does not know becomes an
 * {@link TokenKind#OTHER} token. It runs in time linear in the length of the input and uses no regular expressions.
 *
 * <p>It assumes {@code standard_conforming_strings = on} (the server default since 9.1), so a backslash in a plain
 * {@code '...'} string is an ordinary character.
 *
 * <p>Use {@link #next()} to read every token including whitespace and comments, {@link #nextSignificant()} to skip
 * them, or the static helpers.
 */
public final class SqlLexer {

    private final String sql;
    private int pos;
    private boolean unterminated;

    /** Creates a lexer positioned at the start of {@code sql}. */
    public SqlLexer(String sql) {
        this.sql = sql;
    }

    /** Every token of {@code sql} except whitespace and comments, in order. */
    public static List<Token> tokenize(String sql) {
        return new SqlLexer(sql).remainingSignificant();
    }

    /** Every remaining token except whitespace and comments, in order. */
    public List<Token> remainingSignificant() {
        List<Token> tokens = new ArrayList<>(Math.max(4, (sql.length() - pos) / 5));
        for (Token token = nextSignificant(); token != null; token = nextSignificant()) {
            tokens.add(token);
        }
        return tokens;
    }

    /**
     * Whether a string, quoted identifier, dollar-quoted body or block comment read so far ran to the end of the
     * input without its closing delimiter.
     */
    public boolean sawUnterminatedToken() {
        return unterminated;
    }

    /**
     * The non-empty statements of {@code sql}, split on semicolons that are not inside a string, a quoted identifier,
     * a comment, a dollar-quoted body, parentheses or a {@code BEGIN ATOMIC ... END} routine body. Each statement is
     * returned without its terminating semicolon and without surrounding whitespace; comments are kept. Statements
     * holding nothing but whitespace and comments are dropped, as the server drops them.
     */
    public static List<String> statements(String sql) {
        List<SqlStatement> split = StatementSplitter.split(sql, tokenize(sql));
        List<String> texts = new ArrayList<>(split.size());
        for (SqlStatement statement : split) {
            texts.add(statement.text());
        }
        return texts;
    }

    /** Whether {@code sql}, after any leading whitespace, starts with a {@code --} or {@code /*} comment. */
    public static boolean startsWithComment(String sql) {
        int i = 0;
        while (i < sql.length() && SqlChars.isSpace(sql.charAt(i))) {
            i++;
        }
        return sql.startsWith("--", i) || sql.startsWith("/*", i);
    }

    /** The next token, whitespace and comments included, or {@code null} at the end of the input. */
    public Token next() {
        if (pos >= sql.length()) {
            return null;
        }
        int start = pos;
        char c = sql.charAt(pos);
        char c1 = charAt(pos + 1);
        if (SqlChars.isSpace(c)) {
            return whitespace(start);
        }
        if (c == '-' && c1 == '-') {
            return lineComment(start);
        }
        if (c == '/' && c1 == '*') {
            return blockComment(start);
        }
        switch (c) {
            case '\'':
                return literal(QuotedLiterals.string(sql, start, start + 1, false));
            case '"':
                return literal(QuotedLiterals.identifier(sql, start, start + 1));
            case '$':
                return dollar(start);
            case '(':
                return single(TokenKind.LEFT_PAREN);
            case ')':
                return single(TokenKind.RIGHT_PAREN);
            case '[':
                return single(TokenKind.LEFT_BRACKET);
            case ']':
                return single(TokenKind.RIGHT_BRACKET);
            case ',':
                return single(TokenKind.COMMA);
            case ';':
                return single(TokenKind.SEMICOLON);
            case ':':
                return colon(start, c1);
            default:
                break;
        }
        if (c1 == '\'' && (c == 'e' || c == 'E')) {
            return literal(QuotedLiterals.string(sql, start, start + 2, true));
        }
        if (c1 == '\'' && (c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N')) {
            return literal(QuotedLiterals.string(sql, start, start + 2, false));
        }
        if ((c == 'u' || c == 'U') && c1 == '&' && charAt(pos + 2) == '\'') {
            return literal(QuotedLiterals.string(sql, start, start + 3, false));
        }
        if ((c == 'u' || c == 'U') && c1 == '&' && charAt(pos + 2) == '"') {
            return literal(QuotedLiterals.identifier(sql, start, start + 3));
        }
        if (SqlChars.isIdentifierStart(c)) {
            return identifier(start);
        }
        if (SqlChars.isDigit(c) || (c == '.' && SqlChars.isDigit(c1))) {
            return number(start);
        }
        if (c == '.') {
            return single(TokenKind.DOT);
        }
        if (SqlChars.isOperatorChar(c)) {
            return operator(start);
        }
        return single(TokenKind.OTHER);
    }

    /** The next token that is not whitespace or a comment, or {@code null} at the end of the input. */
    public Token nextSignificant() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (SqlChars.isSpace(c)) {
                pos++;
            } else if (c == '-' && charAt(pos + 1) == '-') {
                skipLineComment();
            } else if (c == '/' && charAt(pos + 1) == '*') {
                skipBlockComment();
            } else {
                return next();
            }
        }
        return null;
    }

    private Token whitespace(int start) {
        while (pos < sql.length() && SqlChars.isSpace(sql.charAt(pos))) {
            pos++;
        }
        return token(TokenKind.WHITESPACE, start);
    }

    private Token lineComment(int start) {
        skipLineComment();
        return token(TokenKind.COMMENT, start);
    }

    private void skipLineComment() {
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            pos++;
        }
    }

    private Token blockComment(int start) {
        skipBlockComment();
        return token(TokenKind.COMMENT, start);
    }

    /** Skips a block comment, honouring nesting as PostgreSQL does. */
    private void skipBlockComment() {
        int depth = 0;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '/' && charAt(pos + 1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && charAt(pos + 1) == '/') {
                pos += 2;
                if (--depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
        unterminated = true;
    }

    /** Takes a literal scanned by {@link QuotedLiterals}. */
    private Token literal(QuotedLiterals.Scan scan) {
        pos = scan.token().end();
        unterminated |= !scan.terminated();
        return scan.token();
    }

    /** {@code $1}, a dollar-quoted string {@code $tag$...$tag$}, or a lone {@code $}. */
    private Token dollar(int start) {
        if (SqlChars.isDigit(charAt(start + 1))) {
            pos = start + 1;
            while (SqlChars.isDigit(charAt(pos))) {
                pos++;
            }
            return token(TokenKind.PARAMETER, start);
        }
        QuotedLiterals.Scan quoted = QuotedLiterals.dollarQuoted(sql, start);
        return quoted != null ? literal(quoted) : single(TokenKind.OTHER);
    }

    private Token colon(int start, char next) {
        if (next == ':') {
            pos += 2;
            return token(TokenKind.TYPECAST, start);
        }
        if (next == '=') {
            pos += 2;
            return token(TokenKind.OPERATOR, start);
        }
        return single(TokenKind.COLON);
    }

    private Token identifier(int start) {
        int foldedHash = 0;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (!SqlChars.isIdentifierStart(c) && !SqlChars.isDigit(c) && c != '$') {
                break;
            }
            foldedHash = 31 * foldedHash + FoldedNames.fold(c);
            pos++;
        }
        return new Token(TokenKind.IDENTIFIER, FoldedNames.of(sql, start, pos, foldedHash), start, pos);
    }

    private Token number(int start) {
        while (SqlChars.isDigit(charAt(pos)) || charAt(pos) == '_') {
            pos++;
        }
        if (charAt(pos) == '.' && charAt(pos + 1) != '.') {
            pos++;
            while (SqlChars.isDigit(charAt(pos)) || charAt(pos) == '_') {
                pos++;
            }
        }
        char e = charAt(pos);
        if (e == 'e' || e == 'E') {
            int i = pos + 1;
            if (charAt(i) == '+' || charAt(i) == '-') {
                i++;
            }
            if (SqlChars.isDigit(charAt(i))) {
                pos = i;
                while (SqlChars.isDigit(charAt(pos))) {
                    pos++;
                }
            }
        }
        return token(TokenKind.NUMBER, start);
    }

    /** A run of operator characters, stopping before anything that starts a comment. */
    private Token operator(int start) {
        pos++;
        while (pos < sql.length() && SqlChars.isOperatorChar(sql.charAt(pos))) {
            char c = sql.charAt(pos);
            char n = charAt(pos + 1);
            if ((c == '-' && n == '-') || (c == '/' && n == '*')) {
                break;
            }
            pos++;
        }
        return token(TokenKind.OPERATOR, start);
    }

    private Token single(TokenKind kind) {
        pos++;
        return token(kind, pos - 1);
    }

    private Token token(TokenKind kind, int start) {
        String text = pos - start == 1 ? SqlChars.oneCharString(sql.charAt(start)) : null;
        return new Token(kind, text != null ? text : sql.substring(start, pos), start, pos);
    }

    private char charAt(int index) {
        return index < sql.length() ? sql.charAt(index) : '\0';
    }
}
