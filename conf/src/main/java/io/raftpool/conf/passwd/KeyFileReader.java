package io.raftpool.conf.passwd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.raftpool.conf.ConfigProblem;

/**
 * Reads a pool key file as Pgpool-II does: the passphrase is the first line without its newline, at most
 * 255 bytes (longer lines are cut), taken byte for byte (a carriage return stays part of it).
 */
final class KeyFileReader {
    /** Pgpool-II reads the key line into a 256-byte buffer. */
    static final int MAX_KEY_BYTES = 255;

    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFileReader() {
    }

    static PoolKeyLoadResult read(Path file) {
        List<ConfigProblem> problems = new ArrayList<>();
        byte[] content;
        try {
            if (!Files.isRegularFile(file) && Files.exists(file)) {
                return failed(file, "the pool key file \"" + file + "\" is not a regular file");
            }
            content = Files.readAllBytes(file);
            checkPermissions(file, problems);
        } catch (NoSuchFileException e) {
            return failed(file, "cannot read the pool key file \"" + file + "\": no such file; create it with"
                    + " the passphrase on its first line, or set " + PoolKey.KEY_FILE_ENV);
        } catch (IOException e) {
            return failed(file, "cannot read the pool key file \"" + file + "\": " + e);
        }
        if (content.length == 0) {
            return failed(file, "the pool key file \"" + file + "\" is empty; put the passphrase on its first line");
        }
        int end = 0;
        while (end < content.length && content[end] != '\n' && end < MAX_KEY_BYTES) {
            end++;
        }
        if (end == MAX_KEY_BYTES && end < content.length && content[end] != '\n') {
            problems.add(ConfigProblem.warning(file, 1, null, "the passphrase is longer than " + MAX_KEY_BYTES
                    + " bytes; like Pgpool-II, only the first " + MAX_KEY_BYTES + " bytes are used"));
        }
        if (end == 0) {
            problems.add(ConfigProblem.warning(file, 1, null, "the first line is empty, so the passphrase is the"
                    + " empty string (Pgpool-II and pg_enc use it so too)"));
        } else if (content[end - 1] == '\r') {
            problems.add(ConfigProblem.warning(file, 1, null, "the first line ends with a carriage return, which"
                    + " is part of the passphrase (as in Pgpool-II and pg_enc)"));
        }
        byte[] passphrase = Arrays.copyOf(content, end);
        Arrays.fill(content, (byte) 0);
        PoolKey key = PoolKey.fromBytes(passphrase, file);
        Arrays.fill(passphrase, (byte) 0);
        return new PoolKeyLoadResult(key, problems);
    }

    private static void checkPermissions(Path file, List<ConfigProblem> problems) throws IOException {
        if (!Files.getFileStore(file).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (permissions.stream().anyMatch(GROUP_OR_OTHER::contains)) {
            problems.add(ConfigProblem.warning(file, 0, null, "the pool key file can be accessed by its group"
                    + " or by others; allow its owner only (chmod 600)"));
        }
    }

    private static PoolKeyLoadResult failed(Path file, String message) {
        return new PoolKeyLoadResult(null, List.of(ConfigProblem.error(file, 0, null, message)));
    }
}
