package io.raftpool.conf.passwd;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.raftpool.conf.ConfigProblem;

/**
 * Reads one {@code user:password} line of pool_passwd as Pgpool-II 4.3 does: the user name ends at the
 * first {@code :} not preceded by a backslash, and the password at the next one (a backslash makes the
 * next character literal in both), except that a SCRAM verifier, which contains colons, runs to the end of
 * the line. No problem message repeats any part of a password.
 */
final class PoolPasswdLine {
    private static final String SCRAM_PREFIX = "SCRAM-SHA-256$";
    private static final Pattern SCRAM_VERIFIER = Pattern.compile(
            "SCRAM-SHA-256\\$[1-9][0-9]*:[A-Za-z0-9+/]+=*\\$[A-Za-z0-9+/]+=*:[A-Za-z0-9+/]+=*");

    private final Path file;
    private final int lineNo;
    private final List<ConfigProblem> problems;

    PoolPasswdLine(Path file, int lineNo, List<ConfigProblem> problems) {
        this.file = file;
        this.lineNo = lineNo;
        this.problems = problems;
    }

    /** The entry of {@code line}, or {@code null} if it has an error or is to be skipped. */
    PoolPasswdEntry parse(String line) {
        StringBuilder user = new StringBuilder();
        int pos = readField(line, 0, user);
        if (pos < 0) {
            error(null, "no ':' on this line; each line is user:password");
            return null;
        }
        if (user.length() == 0) {
            error(null, "the user name before ':' is empty; each line is user:password");
            return null;
        }
        String subject = "user \"" + user + "\"";
        if (!user.toString().equals(user.toString().strip())) {
            problems.add(ConfigProblem.warning(file, lineNo, subject, "the user name starts or ends with blanks,"
                    + " which are part of the name (as in Pgpool-II)"));
        }
        String password;
        if (line.startsWith(SCRAM_PREFIX, pos)) {
            password = line.substring(pos);
        } else {
            StringBuilder field = new StringBuilder();
            int rest = readField(line, pos, field);
            password = field.toString();
            if (rest >= 0) {
                problems.add(ConfigProblem.warning(file, lineNo, subject, "the text after the second ':' is"
                        + " ignored, as Pgpool-II 4.3 ignores it; write a ':' inside a password as '\\:'"));
            }
        }
        if (password.isEmpty()) {
            problems.add(ConfigProblem.warning(file, lineNo, subject, "the password is empty; Pgpool-II skips"
                    + " such a line, and so does raftpool"));
            return null;
        }
        return entry(user.toString(), password, subject);
    }

    private PoolPasswdEntry entry(String user, String password, String subject) {
        if (password.startsWith("md5")) {
            String hex = password.substring(3);
            if (!Md5Passwords.isMd5Hex(hex)) {
                error(subject, "an md5 password must be \"md5\" followed by 32 hex digits (the MD5 of the password"
                        + " and then the user name, as pg_md5 -m makes it); found " + hex.length()
                        + " characters after \"md5\"; if this is a clear-text password, write it as TEXT"
                        + " followed by the password");
                return null;
            }
            if (!hex.equals(hex.toLowerCase(Locale.ROOT))) {
                problems.add(ConfigProblem.warning(file, lineNo, subject, "the md5 hash has upper-case hex"
                        + " digits; raftpool reads them in lower case, but Pgpool-II compares them as written"
                        + " and would never match"));
            }
            return new PoolPasswdEntry(user, PasswordKind.MD5, "md5" + hex.toLowerCase(Locale.ROOT));
        }
        if (password.startsWith(PoolKey.AES_PREFIX)) {
            return checkAes(password.substring(PoolKey.AES_PREFIX.length()), subject)
                    ? new PoolPasswdEntry(user, PasswordKind.AES, password) : null;
        }
        if (password.startsWith(SCRAM_PREFIX)) {
            if (!SCRAM_VERIFIER.matcher(password).matches()) {
                error(subject, "not a valid SCRAM verifier; expected"
                        + " SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> with base64 parts,"
                        + " as PostgreSQL stores it in pg_authid");
                return null;
            }
            return new PoolPasswdEntry(user, PasswordKind.SCRAM_SHA_256, password);
        }
        if (password.startsWith("TEXT")) {
            return new PoolPasswdEntry(user, PasswordKind.TEXT, password);
        }
        return new PoolPasswdEntry(user, PasswordKind.PLAIN, password);
    }

    private boolean checkAes(String base64, String subject) {
        byte[] encrypted;
        try {
            encrypted = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            error(subject, "the text after \"AES\" is not valid base64; an encrypted password is \"AES\""
                    + " followed by the base64 that pg_enc prints");
            return false;
        }
        if (encrypted.length == 0 || encrypted.length % 16 != 0) {
            error(subject, "the encrypted password is " + encrypted.length + " bytes long, which is not a whole"
                    + " number of 16-byte AES blocks; the entry is damaged, so encrypt the password again with"
                    + " pg_enc");
            return false;
        }
        return true;
    }

    /** Copies an unescaped field from {@code from} into {@code out}; the index after its ':', or -1 at end of line. */
    private static int readField(String line, int from, StringBuilder out) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                out.append(line.charAt(++i));
            } else if (c == ':') {
                return i + 1;
            } else {
                out.append(c);
            }
        }
        return -1;
    }

    private void error(String subject, String message) {
        problems.add(ConfigProblem.error(file, lineNo, subject, message));
    }
}
