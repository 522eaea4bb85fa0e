package io.raftpool.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a password in a {@code .pcppass} file, as Pgpool-II's pcp tools do: the file named by the environment
 * variable PCPPASSFILE, else {@code ~/.pcppass}; lines {@code hostname:port:username:password}, where a field
 * that is exactly {@code *} matches anything and a backslash makes the next character literal (so {@code \:}
 * and {@code \\}); the first matching line wins. A file that group or others may access is ignored, with a
 * warning, as Pgpool-II and libpq ignore it.
 */
final class PcpPassFile {
    /** The environment variable naming the file, as in Pgpool-II. */
    static final String ENV = "PCPPASSFILE";

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = Set.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PcpPassFile() {
    }

    /** PCPPASSFILE if set and not empty, else {@code .pcppass} in the home directory. */
    static Path defaultFile(Map<String, String> environment) {
        String named = environment.get(ENV);
        if (named != null && !named.isEmpty()) {
            return Path.of(named);
        }
        return Path.of(System.getProperty("user.home"), ".pcppass");
    }

    /**
     * The password of the first line matching host, port and user, if any.
     *
     * @param warnings where to say why a file that exists is not used
     */
    static Optional<char[]> lookup(Path file, String host, int port, String user, PrintWriter warnings) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            warnings.println("WARNING: password file \"" + file + "\" is not a plain file");
            return Optional.empty();
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                warnings.println("WARNING: password file \"" + file + "\" has group or world access; permissions"
                        + " should be u=rw (0600) or less; it is ignored");
                return Optional.empty();
            }
        } catch (UnsupportedOperationException notPosix) {
            // no permission bits to check on this file system
        } catch (IOException e) {
            warnings.println("WARNING: cannot read password file \"" + file + "\": " + e.getMessage());
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            warnings.println("WARNING: cannot read password file \"" + file + "\": " + e.getMessage());
            return Optional.empty();
        }
        String portText = Integer.toString(port);
        for (String line : lines) {
            Optional<char[]> password = match(line, host, portText, user);
            if (password.isPresent()) {
                return password;
            }
        }
        return Optional.empty();
    }

    /** The password on {@code line} when its first three fields match. */
    static Optional<char[]> match(String line, String host, String port, String user) {
        List<Field> fields = split(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        if (fields.size() < 4) {
            return Optional.empty();
        }
        if (!fields.get(0).matches(host) || !fields.get(1).matches(port) || !fields.get(2).matches(user)) {
            return Optional.empty();
        }
        return Optional.of(fields.get(3).text.toCharArray());
    }

    /** A field, unescaped; {@code wildcard} when it was a bare {@code *}. */
    private record Field(String text, boolean wildcard) {
        boolean matches(String value) {
            return wildcard || text.equals(value);
        }
    }

    /** Splits on unescaped colons, at most four fields (a fourth field ends at an unescaped colon too). */
    private static List<Field> split(String line) {
        List<Field> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean escaped = false;
        boolean anyEscape = false;
        for (int i = 0; i < line.length() && fields.size() < 4; i++) {
            char c = line.charAt(i);
            if (escaped) {
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
                anyEscape = true;
            } else if (c == ':') {
                fields.add(field(current, anyEscape));
                current.setLength(0);
                anyEscape = false;
            } else {
                current.append(c);
            }
        }
        if (fields.size() == 3) {
            fields.add(field(current, true));
        }
        return fields;
    }

    private static Field field(StringBuilder text, boolean hadEscape) {
        return new Field(text.toString(), !hadEscape && text.length() == 1 && text.charAt(0) == '*');
    }
}
