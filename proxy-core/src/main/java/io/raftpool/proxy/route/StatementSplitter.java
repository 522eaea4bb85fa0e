package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a token stream into statements on top-level semicolons. Strings, quoted identifiers, comments and
 * dollar-quoted bodies are single tokens, so semicolons inside them are never seen; semicolons inside parentheses
 * (as in a multi-action {@code CREATE RULE}) and inside the {@code BEGIN ATOMIC ... END} body of a
 * {@code CREATE FUNCTION} or {@code CREATE PROCEDURE} (tracked as psql does) do not split either.
 */
final class StatementSplitter {

    private StatementSplitter() {
    }

    /** The non-empty statements of {@code sql}, whose significant tokens are {@code tokens}. */
    static List<SqlStatement> split(String sql, List<Token> tokens) {
        List<SqlStatement> statements = new ArrayList<>(1);
        int textStart = 0;
        int firstToken = 0;
        int parenDepth = 0;
        int beginDepth = 0;
        boolean balanced = true;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            switch (token.kind()) {
                case LEFT_PAREN:
                    parenDepth++;
                    break;
                case RIGHT_PAREN:
                    balanced &= parenDepth > 0;
                    parenDepth = Math.max(0, parenDepth - 1);
                    break;
                case IDENTIFIER:
                    beginDepth = trackRoutineBody(tokens, firstToken, i, beginDepth);
                    break;
                case SEMICOLON:
                    if (parenDepth == 0 && beginDepth == 0) {
                        add(statements, sql, textStart, token.start(), tokens.subList(firstToken, i), balanced);
                        textStart = token.end();
                        firstToken = i + 1;
                        balanced = true;
                    }
                    break;
                default:
                    break;
            }
        }
        add(statements, sql, textStart, sql.length(), tokens.subList(firstToken, tokens.size()),
                balanced && parenDepth == 0);
        return statements;
    }

    private static void add(List<SqlStatement> out, String sql, int from, int to, List<Token> tokens,
                            boolean balanced) {
        if (!tokens.isEmpty()) {
            out.add(new SqlStatement(sql, from, to, tokens, balanced));
        }
    }

    /**
     * psql's rule: inside {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE}, {@code BEGIN} and {@code CASE} open a
     * block and {@code END} closes one; semicolons inside a block do not end the statement.
     */
    private static int trackRoutineBody(List<Token> tokens, int first, int i, int depth) {
        String word = tokens.get(i).text();
        if (word.equals("end")) {
            return depth > 0 ? depth - 1 : 0;
        }
        if ((word.equals("begin") || word.equals("case")) && definesRoutine(tokens, first, i)) {
            return depth + 1;
        }
        return depth;
    }

    private static boolean definesRoutine(List<Token> tokens, int first, int limit) {
        if (limit - first < 2 || !tokens.get(first).isKeyword("create")) {
            return false;
        }
        int kind = first + 1;
        if (tokens.get(kind).isKeyword("or") && limit - first >= 4 && tokens.get(first + 2).isKeyword("replace")) {
            kind = first + 3;
        }
        return tokens.get(kind).isKeyword("function") || tokens.get(kind).isKeyword("procedure");
    }
}
