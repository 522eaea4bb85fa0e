package io.raftpool.conf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes configuration files for tests. */
final class ConfFiles {
    private ConfFiles() {
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadResult load(Path dir, String... lines) {
        return ConfigLoader.load(write(dir, "pgpool.conf", lines));
    }

    /** Every problem as printed, with the temporary directory cut off, one per line. */
    static String problems(LoadResult result, Path dir) {
        return print(result.problems(), dir);
    }

    /** Every error as printed, with the temporary directory cut off, one per line. */
    static String errors(LoadResult result, Path dir) {
        return print(result.errors(), dir);
    }

    private static String print(java.util.List<ConfigProblem> problems, Path dir) {
        StringBuilder sb = new StringBuilder();
        for (ConfigProblem p : problems) {
            sb.append(p.toString().replace(dir.toAbsolutePath() + "/", "")).append('\n');
        }
        return sb.toString();
    }
}
