package io.raftpool.conf.hba;

import java.util.Objects;

/**
 * One name from a database or user list of a pool_hba.conf line.
 *
 * <p>A token written with a leading double quote is "quoted": it never acts as a keyword, so
 * {@code "all"} names a database called {@code all} while {@code all} matches every database.
 *
 * @param text   the name with the quotes removed ({@code ""} inside quotes stands for one quote)
 * @param quoted whether the token began with a double quote
 */
public record HbaToken(String text, boolean quoted) {

    public HbaToken {
        Objects.requireNonNull(text, "text");
    }

    /** Whether this token is the unquoted keyword {@code keyword}. */
    public boolean isKeyword(String keyword) {
        return !quoted && text.equals(keyword);
    }

    /** The token as it would be written in the file. */
    @Override
    public String toString() {
        return quoted ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
