package io.raftpool.conf.hba;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one pool_hba.conf line into fields, and each field into its comma-separated tokens, the way
 * PostgreSQL and Pgpool-II read it: fields are separated by blanks; a comma ends a token and keeps the
 * next token in the same field (so {@code a, b} is one field, but {@code a ,b} is two); double quotes
 * protect blanks, commas and {@code #}, and {@code ""} inside quotes is one quote; an unquoted {@code #}
 * starts a comment, even in the middle of a token.
 */
final class HbaTokenizer {
    /** Pgpool-II's limit on one token. */
    static final int MAX_TOKEN_LENGTH = 255;

    /** The fields of a line, or why it could not be split. */
    record Fields(List<List<HbaToken>> fields, String error) {
    }

    private final String line;
    private int pos;

    private HbaTokenizer(String line) {
        this.line = line;
    }

    static Fields split(String line) {
        return new HbaTokenizer(line).fields();
    }

    private Fields fields() {
        List<List<HbaToken>> fields = new ArrayList<>();
        while (pos < line.length()) {
            List<HbaToken> field = new ArrayList<>();
            boolean comma;
            do {
                TokenEnd end = new TokenEnd();
                HbaToken token = nextToken(end);
                if (end.error != null) {
                    return new Fields(List.of(), end.error);
                }
                if (token == null) {
                    break;
                }
                field.add(token);
                comma = end.comma;
            } while (comma);
            if (!field.isEmpty()) {
                fields.add(List.copyOf(field));
            }
        }
        return new Fields(List.copyOf(fields), null);
    }

    /** How the last token ended. */
    private static final class TokenEnd {
        boolean comma;
        String error;
    }

    private HbaToken nextToken(TokenEnd end) {
        while (pos < line.length() && (isBlank(line.charAt(pos)) || line.charAt(pos) == ',')) {
            pos++;
        }
        StringBuilder text = new StringBuilder();
        boolean inQuote = false;
        boolean afterClosingQuote = false;
        boolean sawQuote = false;
        boolean initialQuote = false;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            if (!inQuote && (isBlank(c) || c == '#' || c == ',')) {
                if (c == '#') {
                    pos = line.length();
                } else if (c == ',') {
                    end.comma = true;
                    pos++;
                }
                break;
            }
            if (c != '"' || afterClosingQuote) {
                text.append(c);
            }
            afterClosingQuote = inQuote && c == '"' && !afterClosingQuote;
            if (c == '"') {
                inQuote = !inQuote;
                sawQuote = true;
                initialQuote |= text.length() == 0;
            }
            pos++;
        }
        if (inQuote) {
            end.error = "a double quote is not closed; quote names as \"my db\" and write a quote inside quotes as \"\"";
        } else if (text.length() > MAX_TOKEN_LENGTH) {
            end.error = "the token \"" + text.substring(0, 20) + "...\" is longer than the " + MAX_TOKEN_LENGTH
                    + " characters Pgpool-II allows";
        }
        return sawQuote || text.length() > 0 ? new HbaToken(text.toString(), initialQuote) : null;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }
}
