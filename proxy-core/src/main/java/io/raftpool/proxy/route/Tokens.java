package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.List;

/** Small look-ups over a statement's token list, all bounds-safe. */
final class Tokens {

    private Tokens() {
    }

    /** Whether {@code tokens[i]} exists and is the unquoted keyword {@code word}. */
    static boolean is(List<Token> tokens, int i, String word) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isKeyword(word);
    }

    /** Whether {@code tokens[i]} exists and is of {@code kind}. */
    static boolean is(List<Token> tokens, int i, TokenKind kind) {
        return i >= 0 && i < tokens.size() && tokens.get(i).is(kind);
    }

    /** Whether {@code tokens[i]} exists and is a name (quoted or not). */
    static boolean isName(List<Token> tokens, int i) {
        return i >= 0 && i < tokens.size() && tokens.get(i).isName();
    }

    /** The index just past every consecutive keyword in {@code words} starting at {@code i}. */
    static int skip(List<Token> tokens, int i, String... words) {
        int j = i;
        while (j < tokens.size() && isOneOf(tokens.get(j), words)) {
            j++;
        }
        return j;
    }

    private static boolean isOneOf(Token token, String... words) {
        for (String word : words) {
            if (token.isKeyword(word)) {
                return true;
            }
        }
        return false;
    }

    /** The index of the {@code )} matching the {@code (} at {@code open}, or the list's size if it is unbalanced. */
    static int matchingParen(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).is(TokenKind.LEFT_PAREN)) {
                depth++;
            } else if (tokens.get(i).is(TokenKind.RIGHT_PAREN) && --depth == 0) {
                return i;
            }
        }
        return tokens.size();
    }

    /** The index of the first keyword {@code word} at parenthesis depth zero from {@code from}, or -1. */
    static int indexAtTopLevel(List<Token> tokens, int from, String word) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is(TokenKind.LEFT_PAREN)) {
                depth++;
            } else if (token.is(TokenKind.RIGHT_PAREN)) {
                depth--;
            } else if (depth == 0 && token.isKeyword(word)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads a comma-separated list of relation names starting at {@code i}, as in {@code TRUNCATE}, {@code LOCK}
     * and {@code DROP TABLE}, skipping {@code ONLY} and inheritance stars; stops at anything else.
     */
    static List<QualifiedName> relationList(List<Token> tokens, int i) {
        List<QualifiedName> names = new ArrayList<>(1);
        int j = skip(tokens, i, "only");
        while (isName(tokens, j)) {
            names.add(QualifiedName.read(tokens, j));
            j = QualifiedName.lastIndex(tokens, j) + 1;
            if (j < tokens.size() && tokens.get(j).text().equals("*")) {
                j++;
            }
            if (!is(tokens, j, TokenKind.COMMA)) {
                break;
            }
            j = skip(tokens, j + 1, "only");
        }
        return names;
    }
}
