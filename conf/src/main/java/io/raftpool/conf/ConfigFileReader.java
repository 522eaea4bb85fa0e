package io.raftpool.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pgpool.conf syntax: {@code name = value} with the {@code =} optional, {@code #} comments,
 * single-quoted strings ({@code ''} and {@code \'} stand for a quote; other backslashes are kept, as
 * Pgpool-II keeps them, so regular expressions survive), unquoted words and numbers, and
 * {@code include = 'file'} (nested, relative to the including file). Every syntax error is collected;
 * reading goes on at the next line.
 */
final class ConfigFileReader {

    /** Pgpool-II refuses includes nested deeper than this. */
    static final int MAX_INCLUDE_DEPTH = 10;

    /** One {@code name = value} line. */
    record Entry(String name, String value, Origin origin) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    List<Entry> entries() {
        return entries;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** Reads a file and everything it includes, appending entries and problems. */
    void read(Path file) {
        read(file.toAbsolutePath().normalize(), null, 0, 0);
    }

    private void read(Path file, Path includedFrom, int includedAtLine, int depth) {
        if (depth > MAX_INCLUDE_DEPTH) {
            problems.add(ConfigProblem.error(includedFrom, includedAtLine, null,
                    "cannot include \"" + file + "\": includes are nested more than " + MAX_INCLUDE_DEPTH
                            + " deep (an include loop?)"));
            return;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString();
            problems.add(ConfigProblem.error(includedFrom, includedAtLine, null,
                    "cannot read configuration file \"" + file + "\": " + why));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            Entry entry = parseLine(lines.get(i), file, lineNo);
            if (entry == null) {
                continue;
            }
            if (entry.name().equals("include")) {
                Path target = file.getParent().resolve(entry.value()).normalize();
                read(target, file, lineNo, depth + 1);
            } else {
                entries.add(entry);
            }
        }
    }

    /** Parses one line; returns null for blank lines, comments and lines with a syntax error. */
    private Entry parseLine(String line, Path file, int lineNo) {
        Cursor c = new Cursor(line);
        c.skipSpace();
        if (c.atEndOrComment()) {
            return null;
        }
        if (!isNameStart(c.peek())) {
            syntaxError(file, lineNo, "expected a parameter name, found '" + c.peek() + "'");
            return null;
        }
        int start = c.pos;
        while (!c.atEnd() && isNamePart(c.peek())) {
            c.pos++;
        }
        String name = line.substring(start, c.pos);
        c.skipSpace();
        if (!c.atEnd() && c.peek() == '=') {
            c.pos++;
            c.skipSpace();
        }
        if (c.atEndOrComment()) {
            problems.add(ConfigProblem.error(file, lineNo, "parameter \"" + name + "\"", "no value given"));
            return null;
        }
        String value;
        if (c.peek() == '\'') {
            value = quoted(c, file, lineNo, name);
            if (value == null) {
                return null;
            }
        } else {
            int vstart = c.pos;
            while (!c.atEnd() && isUnquotedPart(c.peek())) {
                c.pos++;
            }
            if (c.pos == vstart) {
                syntaxError(file, lineNo, "unexpected '" + c.peek() + "' in the value of \"" + name
                        + "\"; quote values that contain spaces or symbols");
                return null;
            }
            value = line.substring(vstart, c.pos);
        }
        c.skipSpace();
        if (!c.atEndOrComment()) {
            syntaxError(file, lineNo, "unexpected '" + line.substring(c.pos).strip() + "' after the value of \""
                    + name + "\"; quote values that contain spaces or symbols");
            return null;
        }
        return new Entry(name, value, new Origin(file, lineNo));
    }

    private String quoted(Cursor c, Path file, int lineNo, String name) {
        StringBuilder sb = new StringBuilder();
        c.pos++;
        while (!c.atEnd()) {
            char ch = c.line.charAt(c.pos);
            if (ch == '\\' && c.pos + 1 < c.line.length()) {
                char next = c.line.charAt(c.pos + 1);
                sb.append(next == '\'' ? "'" : "\\" + next);
                c.pos += 2;
            } else if (ch == '\'') {
                if (c.pos + 1 < c.line.length() && c.line.charAt(c.pos + 1) == '\'') {
                    sb.append('\'');
                    c.pos += 2;
                } else {
                    c.pos++;
                    return sb.toString();
                }
            } else {
                sb.append(ch);
                c.pos++;
            }
        }
        syntaxError(file, lineNo, "the quoted value of \"" + name + "\" has no closing quote");
        return null;
    }

    private void syntaxError(Path file, int lineNo, String message) {
        problems.add(ConfigProblem.error(file, lineNo, null, "syntax error: " + message));
    }

    private static boolean isNameStart(char ch) {
        return Character.isLetter(ch) || ch == '_' || ch >= 0x80;
    }

    private static boolean isNamePart(char ch) {
        return isNameStart(ch) || Character.isDigit(ch);
    }

    /** Pgpool-II's unquoted strings and numbers, plus '/' and '+' so that paths and signs read too. */
    private static boolean isUnquotedPart(char ch) {
        return isNamePart(ch) || ch == '-' || ch == '.' || ch == ':' || ch == '/' || ch == '+';
    }

    private static final class Cursor {
        final String line;
        int pos;

        Cursor(String line) {
            this.line = line;
        }

        boolean atEnd() {
            return pos >= line.length();
        }

        boolean atEndOrComment() {
            return atEnd() || line.charAt(pos) == '#';
        }

        char peek() {
            return line.charAt(pos);
        }

        void skipSpace() {
            while (!atEnd() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t' || line.charAt(pos) == '\r')) {
                pos++;
            }
        }
    }
}
