package io.raftpool.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlLexerTest {

    @Test
    void identifiersAreCaseFoldedUnlessQuoted() {
        List<Token> tokens = SqlLexer.tokenize("SeLeCt Foo, \"Bar\", \"a\"\"b\", U&\"d\\0061t\", _x1$y, ÉtÉ");
        assertEquals(List.of(
                tok(TokenKind.IDENTIFIER, "select"), tok(TokenKind.IDENTIFIER, "foo"), tok(TokenKind.COMMA, ","),
                tok(TokenKind.QUOTED_IDENTIFIER, "Bar"), tok(TokenKind.COMMA, ","),
                tok(TokenKind.QUOTED_IDENTIFIER, "a\"b"), tok(TokenKind.COMMA, ","),
                tok(TokenKind.QUOTED_IDENTIFIER, "d\\0061t"), tok(TokenKind.COMMA, ","),
                tok(TokenKind.IDENTIFIER, "_x1$y"), tok(TokenKind.COMMA, ","),
                tok(TokenKind.IDENTIFIER, "ÉtÉ")), kindsAndTexts(tokens));
    }

    @Test
    void standardStringsUndoubleQuotesAndKeepBackslashes() {
        assertEquals(List.of(tok(TokenKind.STRING, "it's"), tok(TokenKind.STRING, "a\\b")),
                kindsAndTexts(SqlLexer.tokenize("'it''s' 'a\\b'")));
        assertEquals(List.of(tok(TokenKind.STRING, "")), kindsAndTexts(SqlLexer.tokenize("''")));
    }

    @Test
    void escapeStringsDecodeBackslashEscapes() {
        assertEquals(List.of(tok(TokenKind.STRING, "'")), kindsAndTexts(SqlLexer.tokenize("E'\\''")));
        assertEquals(List.of(tok(TokenKind.STRING, "a'b\\c\nd\te")),
                kindsAndTexts(SqlLexer.tokenize("e'a\\'b\\\\c\\nd\\te'")));
        assertEquals(List.of(tok(TokenKind.STRING, "AB€x")), kindsAndTexts(SqlLexer.tokenize("E'\\x41\\102\\u20ACx'")));
        assertEquals(List.of(tok(TokenKind.STRING, "x''y")), kindsAndTexts(SqlLexer.tokenize("E'x\\'''y'")));
    }

    @Test
    void prefixedStringsAreStringsButLongerIdentifiersAreNot() {
        assertEquals(List.of(tok(TokenKind.STRING, "1010"), tok(TokenKind.STRING, "FF"), tok(TokenKind.STRING, "n"),
                tok(TokenKind.STRING, "d\\0061")), kindsAndTexts(SqlLexer.tokenize("B'1010' x'FF' N'n' U&'d\\0061'")));
        assertEquals(List.of(tok(TokenKind.IDENTIFIER, "ee"), tok(TokenKind.STRING, "x")),
                kindsAndTexts(SqlLexer.tokenize("ee'x'")));
    }

    @Test
    void dollarQuotesWithAndWithoutTagsAreStringsAndDollarDigitsAreParameters() {
        assertEquals(List.of(
                tok(TokenKind.STRING, "a ' ; b"), tok(TokenKind.STRING, "x $$ y"), tok(TokenKind.PARAMETER, "$1"),
                tok(TokenKind.PARAMETER, "$23"), tok(TokenKind.STRING, "$notend$ z")),
                kindsAndTexts(SqlLexer.tokenize("$$a ' ; b$$ $fn$x $$ y$fn$ $1 $23 $q_1$$notend$ z$q_1$")));
        // A tag cannot start with a digit: "$1abc$" is the parameter $1 and then the identifier "abc$".
        assertEquals(List.of(tok(TokenKind.PARAMETER, "$1"), tok(TokenKind.IDENTIFIER, "abc$")),
                kindsAndTexts(SqlLexer.tokenize("$1abc$")));
        // Dollar signs inside an identifier do not start a quote.
        assertEquals(List.of(tok(TokenKind.IDENTIFIER, "a$$b"), tok(TokenKind.OPERATOR, "+"),
                tok(TokenKind.NUMBER, "1")), kindsAndTexts(SqlLexer.tokenize("a$$b+1")));
    }

    @Test
    void commentsNestAndAreSkippedBySignificantTokens() {
        String sql = "SELECT /* outer /* inner */ still comment */ 1 -- to end of line\n+ 2";
        assertEquals(List.of(tok(TokenKind.IDENTIFIER, "select"), tok(TokenKind.NUMBER, "1"),
                tok(TokenKind.OPERATOR, "+"), tok(TokenKind.NUMBER, "2")), kindsAndTexts(SqlLexer.tokenize(sql)));
        List<Token> all = all(sql);
        assertEquals(tok(TokenKind.COMMENT, "/* outer /* inner */ still comment */"), kindAndText(all.get(2)));
        assertEquals(tok(TokenKind.COMMENT, "-- to end of line"), kindAndText(all.get(6)));
        assertEquals(tok(TokenKind.WHITESPACE, "\n"), kindAndText(all.get(7)));
    }

    @Test
    void operatorsStopBeforeCommentsAndPunctuationHasItsOwnKinds() {
        assertEquals(List.of(tok(TokenKind.NUMBER, "1"), tok(TokenKind.OPERATOR, "+"), tok(TokenKind.NUMBER, "2")),
                kindsAndTexts(SqlLexer.tokenize("1+--c\n2")));
        assertEquals(List.of(tok(TokenKind.IDENTIFIER, "a"), tok(TokenKind.OPERATOR, "*"), tok(TokenKind.NUMBER, "2")),
                kindsAndTexts(SqlLexer.tokenize("a*/*c*/2")));
        assertEquals(List.of(TokenKind.IDENTIFIER, TokenKind.TYPECAST, TokenKind.IDENTIFIER, TokenKind.LEFT_PAREN,
                TokenKind.NUMBER, TokenKind.COMMA, TokenKind.NUMBER, TokenKind.RIGHT_PAREN, TokenKind.LEFT_BRACKET,
                TokenKind.NUMBER, TokenKind.COLON, TokenKind.NUMBER, TokenKind.RIGHT_BRACKET, TokenKind.DOT,
                TokenKind.IDENTIFIER, TokenKind.OPERATOR, TokenKind.OPERATOR, TokenKind.OPERATOR, TokenKind.SEMICOLON),
                kinds(SqlLexer.tokenize("x::numeric(10,2)[1:2].y <> := => ;")));
    }

    @Test
    void numbersIncludeDecimalsAndExponents() {
        assertEquals(List.of(tok(TokenKind.NUMBER, "42"), tok(TokenKind.NUMBER, "3.14"), tok(TokenKind.NUMBER, ".5"),
                tok(TokenKind.NUMBER, "1e10"), tok(TokenKind.NUMBER, "2.5E-3"), tok(TokenKind.NUMBER, "1_000")),
                kindsAndTexts(SqlLexer.tokenize("42 3.14 .5 1e10 2.5E-3 1_000")));
    }

    @Test
    void tokenOffsetsPointIntoTheSource() {
        String sql = "  SELECT 'x'";
        List<Token> tokens = SqlLexer.tokenize(sql);
        assertEquals(2, tokens.get(0).start());
        assertEquals(8, tokens.get(0).end());
        assertEquals("'x'", sql.substring(tokens.get(1).start(), tokens.get(1).end()));
    }

    @Test
    void statementsSplitOnTopLevelSemicolonsOnly() {
        assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"), SqlLexer.statements("SELECT 1; SELECT 2;SELECT 3;"));
        assertEquals(List.of("SELECT 'a;b'", "SELECT \"c;d\"", "SELECT $$e;f$$", "SELECT $t$ ; $t$",
                "SELECT 1 /* ; */", "SELECT E'\\';'"),
                SqlLexer.statements("SELECT 'a;b'; SELECT \"c;d\"; SELECT $$e;f$$; SELECT $t$ ; $t$; SELECT 1 /* ; */;"
                        + " SELECT E'\\';'"));
        assertEquals(List.of("SELECT 1 -- c;", "SELECT 2"), SqlLexer.statements("SELECT 1 -- c;\n; SELECT 2"));
        assertEquals(List.of("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); NOTIFY c)", "SELECT 1"),
                SqlLexer.statements("CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); NOTIFY c); SELECT 1"));
    }

    @Test
    void emptyStatementsAreDropped() {
        assertEquals(List.of(), SqlLexer.statements(""));
        assertEquals(List.of(), SqlLexer.statements(" ;; -- nothing\n ; /* */ "));
        assertEquals(List.of("SELECT 1", "/* lead */ SELECT 2"), SqlLexer.statements(";SELECT 1;; /* lead */ SELECT 2;"));
    }

    @Test
    void routineBodiesWithBeginAtomicAreOneStatement() {
        String body = "CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC "
                + "SELECT CASE WHEN a > 0 THEN 1 ELSE 2 END; SELECT a; END";
        assertEquals(List.of(body, "SELECT f(1)"), SqlLexer.statements(body + "; SELECT f(1)"));
        assertEquals(List.of("CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END", "CALL p()"),
                SqlLexer.statements("CREATE PROCEDURE p() BEGIN ATOMIC INSERT INTO t VALUES (1); END; CALL p()"));
        // Outside a routine definition BEGIN and END are transaction commands.
        assertEquals(List.of("BEGIN", "SELECT 1", "END"), SqlLexer.statements("BEGIN; SELECT 1; END"));
    }

    @Test
    void startsWithCommentLooksPastLeadingWhitespaceOnly() {
        assertTrue(SqlLexer.startsWithComment("/* x */ SELECT 1"));
        assertTrue(SqlLexer.startsWithComment(" \n\t-- x\nSELECT 1"));
        assertFalse(SqlLexer.startsWithComment("SELECT /* x */ 1"));
        assertFalse(SqlLexer.startsWithComment("'/* x */'"));
        assertFalse(SqlLexer.startsWithComment(""));
        assertFalse(SqlLexer.startsWithComment("-1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 'abc", "SELECT E'abc\\", "SELECT \"abc", "SELECT $$abc", "SELECT $tag$ abc $tag",
        "SELECT /* abc /* nested */", "SELECT U&\"x", "SELECT B'01"})
    void unterminatedInputBecomesOneTokenToTheEnd(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        List<Token> tokens = lexer.remainingSignificant();
        assertTrue(lexer.sawUnterminatedToken(), sql);
        assertEquals(sql.length(), all(sql).get(all(sql).size() - 1).end(), sql);
        assertEquals(List.of(sql), SqlLexer.statements(sql));
        assertTrue(tokens.get(0).isKeyword("select"));
    }

    @Test
    void terminatedInputIsNotReportedUnterminated() {
        SqlLexer lexer = new SqlLexer("SELECT 'a', \"b\", $$c$$, E'\\'' /* d /* e */ */");
        lexer.remainingSignificant();
        assertFalse(lexer.sawUnterminatedToken());
    }

    @Test
    void arbitraryInputNeverThrowsAndTokensTileTheInput() {
        String alphabet = "'\"$eEuU&xXbB_a1-/*;()[]:.,=\\\n \t€";
        Random random = new Random(42L);
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(30)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String sql = new String(chars);
            int offset = 0;
            for (Token token : all(sql)) {
                assertEquals(offset, token.start(), sql);
                assertTrue(token.end() > token.start(), sql);
                offset = token.end();
            }
            assertEquals(sql.length(), offset, sql);
            assertNotNull(SqlLexer.statements(sql));
        }
    }

    private static List<Token> all(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        List<Token> tokens = new ArrayList<>();
        for (Token token = lexer.next(); token != null; token = lexer.next()) {
            tokens.add(token);
        }
        return tokens;
    }

    private static List<String> tok(TokenKind kind, String text) {
        return List.of(kind.name(), text);
    }

    private static List<String> kindAndText(Token token) {
        return tok(token.kind(), token.text());
    }

    private static List<List<String>> kindsAndTexts(List<Token> tokens) {
        return tokens.stream().map(SqlLexerTest::kindAndText).toList();
    }

    private static List<TokenKind> kinds(List<Token> tokens) {
        return tokens.stream().map(Token::kind).toList();
    }
}
