package io.raftpool.conf.pcp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.raftpool.conf.ConfigProblem;
import io.raftpool.conf.TextFile;

/**
 * Reads pcp.conf: one {@code user:md5} line per PCP user, where {@code md5} is the 32 hex digits that
 * {@code pg_md5 password} prints (the MD5 of the password alone, not salted with the user name). Lines
 * starting with {@code #} and blank lines are skipped. Never throws for bad content.
 */
public final class PcpConfFile {
    /** Pgpool-II refuses longer user names. */
    static final int MAX_USER_LENGTH = 128;

    private PcpConfFile() {
    }

    /** Reads and checks {@code file}; a file that cannot be read is one error problem. */
    public static PcpConfLoadResult load(Path file) {
        TextFile.Read read = TextFile.read(file);
        return read.ok() ? parse(read.text(), file) : unreadable(file, read.whyNot());
    }

    /**
     * Checks the text of a pcp.conf file.
     *
     * @param text            the file's content
     * @param nameForMessages the file name to give in problems
     */
    public static PcpConfLoadResult parse(String text, Path nameForMessages) {
        List<ConfigProblem> problems = new ArrayList<>();
        List<Map.Entry<String, String>> users = new ArrayList<>();
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
                            + " take it as part of the hash and refuse every password"));
                    crReported = true;
                }
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Map.Entry<String, String> user = parseLine(line, nameForMessages, lineNo, problems);
            if (user != null) {
                Integer earlier = firstLine.putIfAbsent(user.getKey(), lineNo);
                if (earlier != null) {
                    problems.add(ConfigProblem.warning(nameForMessages, lineNo, "user \"" + user.getKey() + "\"",
                            "already defined on line " + earlier + "; as in Pgpool-II, the password of either"
                                    + " line is accepted"));
                }
                users.add(user);
            }
        }
        boolean errors = problems.stream().anyMatch(ConfigProblem::isError);
        return new PcpConfLoadResult(errors ? null : new PcpUsers(users), problems);
    }

    private static Map.Entry<String, String> parseLine(String line, Path file, int lineNo, List<ConfigProblem> problems) {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            problems.add(ConfigProblem.error(file, lineNo, null, "the line starts with a space or tab, which"
                    + " pcp.conf does not allow (Pgpool-II would make it part of the user name; a comment's #"
                    + " must be the first character)"));
            return null;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            problems.add(ConfigProblem.error(file, lineNo, null, "no ':' on this line; each line is"
                    + " user:md5-of-password, the hash as pg_md5 prints it"));
            return null;
        }
        String user = line.substring(0, colon);
        String hash = line.substring(colon + 1);
        if (user.isEmpty()) {
            problems.add(ConfigProblem.error(file, lineNo, null, "the user name before ':' is empty; each line is"
                    + " user:md5-of-password"));
            return null;
        }
        String subject = "user \"" + user + "\"";
        if (user.length() > MAX_USER_LENGTH) {
            problems.add(ConfigProblem.error(file, lineNo, "user \"" + user.substring(0, 20) + "...\"",
                    "the user name is " + user.length() + " characters long; Pgpool-II allows at most "
                            + MAX_USER_LENGTH));
            return null;
        }
        if (!isHex32(hash)) {
            String blanks = hash.strip().length() != hash.length() ? " (it has blanks at its start or end)" : "";
            problems.add(ConfigProblem.error(file, lineNo, subject, "the password must be given as 32 hex"
                    + " digits, the MD5 that pg_md5 prints for it; found " + hash.length() + " characters"
                    + blanks));
            return null;
        }
        String lower = hash.toLowerCase(Locale.ROOT);
        if (!lower.equals(hash)) {
            problems.add(ConfigProblem.warning(file, lineNo, subject, "the hash has upper-case hex digits;"
                    + " raftpool accepts them, but Pgpool-II compares them as written and would refuse every"
                    + " password"));
        }
        return Map.entry(user, lower);
    }

    private static boolean isHex32(String text) {
        return text.length() == 32 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F'));
    }

    private static PcpConfLoadResult unreadable(Path file, String why) {
        return new PcpConfLoadResult(null, List.of(ConfigProblem.error(file, 0, null,
                "cannot read pcp.conf \"" + file + "\": " + why)));
    }
}
