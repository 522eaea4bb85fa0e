package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A list of regular expressions compiled the way Pgpool-II compiles {@code write_function_list},
 * {@code read_only_function_list} and {@code primary_routing_query_pattern_list}: case-insensitive extended regular
 * expressions, anchored with {@code ^} and {@code $} unless the entry already starts with {@code ^} or ends with
 * {@code $}, and matched (searched) against the subject with every double quote removed. POSIX bracket classes
 * such as {@code [:alpha:]} are translated to their Java equivalents, and {@code .} matches newlines as it does in
 * POSIX. An entry that does not compile is skipped, as Pgpool skips it, and reported by {@link #rejected()}.
 */
final class PgpoolPatterns {

    private static final String[][] POSIX_CLASSES = {
        {"[:alpha:]", "\\p{Alpha}"}, {"[:digit:]", "\\p{Digit}"}, {"[:alnum:]", "\\p{Alnum}"},
        {"[:upper:]", "\\p{Upper}"}, {"[:lower:]", "\\p{Lower}"}, {"[:space:]", "\\s"},
        {"[:punct:]", "\\p{Punct}"}, {"[:print:]", "\\p{Print}"}, {"[:graph:]", "\\p{Graph}"},
        {"[:cntrl:]", "\\p{Cntrl}"}, {"[:xdigit:]", "\\p{XDigit}"}, {"[:blank:]", "\\p{Blank}"},
    };

    private final List<Pattern> patterns;
    private final List<String> rejected;
    private final boolean configured;

    private PgpoolPatterns(List<Pattern> patterns, List<String> rejected, boolean configured) {
        this.patterns = patterns;
        this.rejected = rejected;
        this.configured = configured;
    }

    /** Compiles the non-blank entries of {@code entries}. */
    static PgpoolPatterns compile(List<String> entries) {
        List<Pattern> patterns = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        boolean configured = false;
        for (String entry : entries) {
            String trimmed = entry == null ? "" : entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            configured = true;
            try {
                patterns.add(Pattern.compile(anchored(trimmed), Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
            } catch (PatternSyntaxException e) {
                rejected.add(trimmed);
            }
        }
        return new PgpoolPatterns(List.copyOf(patterns), List.copyOf(rejected), configured);
    }

    private static String anchored(String entry) {
        String regex = entry;
        for (String[] posixClass : POSIX_CLASSES) {
            regex = regex.replace(posixClass[0], posixClass[1]);
        }
        if (!regex.startsWith("^")) {
            regex = "^" + regex;
        }
        if (!regex.endsWith("$")) {
            regex = regex + "\\z";
        }
        return regex;
    }

    /** Whether the list has at least one non-blank entry, even one that did not compile (Pgpool counts those too). */
    boolean isConfigured() {
        return configured;
    }

    /** Whether any pattern matches {@code subject} once its double quotes are removed. */
    boolean matches(String subject) {
        if (patterns.isEmpty()) {
            return false;
        }
        String unquoted = subject.indexOf('"') < 0 ? subject : subject.replace("\"", "");
        for (Pattern pattern : patterns) {
            if (pattern.matcher(unquoted).find()) {
                return true;
            }
        }
        return false;
    }

    /** The entries that are not valid regular expressions and were skipped. */
    List<String> rejected() {
        return rejected;
    }
}
