package io.raftpool.conf.passwd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.raftpool.conf.ConfigProblem;
import io.raftpool.conf.TextFile;

/**
 * Reads pool_passwd: one {@code user:password} line per user, where the password is {@code md5} and 32
 * hex digits, {@code AES} and base64, {@code TEXT} and clear text, a {@code SCRAM-SHA-256$} verifier, or
 * clear text. Lines starting with {@code #} and blank lines are skipped. When a user appears twice the
 * first line is used, as in Pgpool-II, and the later one draws a warning. Never throws for bad content.
 */
public final class PoolPasswdFile {
    private PoolPasswdFile() {
    }

    /** Reads and checks {@code file}; a file that cannot be read is one error problem. */
    public static PoolPasswdLoadResult load(Path file) {
        TextFile.Read read = TextFile.read(file);
        return read.ok() ? parse(read.text(), file) : unreadable(file, read.whyNot());
    }

    /**
     * Checks the text of a pool_passwd file.
     *
     * @param text            the file's content
     * @param nameForMessages the file name to give in problems
     */
    public static PoolPasswdLoadResult parse(String text, Path nameForMessages) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<PoolPasswdEntry> entries = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        boolean crReported = false;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
                if (!crReported) {
                    problems.add(ConfigProblem.warning(nameForMessages, lineNo, null, "the line ends with CR LF"
                            + " (Windows line endings); raftpool ignores the CR on every line, but Pgpool-II would"
                            + " take it as part of the password"));
                    crReported = true;
                }
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            PoolPasswdEntry entry = new PoolPasswdLine(nameForMessages, lineNo, problems).parse(line);
            if (entry == null) {
                continue;
            }
            Integer earlier = firstLine.putIfAbsent(entry.user(), lineNo);
            if (earlier != null) {
                problems.add(ConfigProblem.warning(nameForMessages, lineNo, "user \"" + entry.user() + "\"",
                        "already defined on line " + earlier + "; Pgpool-II uses the first entry, so this line"
                                + " is ignored"));
            } else {
                entries.add(entry);
            }
        }
        boolean errors = problems.stream().anyMatch(ConfigProblem::isError);
        return new PoolPasswdLoadResult(errors ? null : new PoolPasswd(entries), problems);
    }

    private static PoolPasswdLoadResult unreadable(Path file, String why) {
        return new PoolPasswdLoadResult(null, List.of(ConfigProblem.error(file, 0, null,
                "cannot read pool_passwd \"" + file + "\": " + why)));
    }
}
