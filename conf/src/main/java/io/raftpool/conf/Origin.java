package io.raftpool.conf;

import java.nio.file.Path;

/**
 * Where a parameter's value came from: its default, or a line of a file.
 *
 * @param file the file, or {@code null} for a default
 * @param line the 1-based line, or 0 for a default
 */
public record Origin(Path file, int line) {

    /** The origin of every value nobody set. */
    public static final Origin DEFAULT = new Origin(null, 0);

    public boolean isDefault() {
        return file == null;
    }

    @Override
    public String toString() {
        return isDefault() ? "default" : file + ":" + line;
    }
}
