package io.raftpool.conf;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One error or warning found in a configuration file, with where it was found.
 *
 * @param severity whether loading can go on
 * @param file     the file, or {@code null} for a problem not tied to a file
 * @param line     1-based line number, or 0 when not tied to a line
 * @param subject  the parameter, user or entry concerned, or {@code null}
 * @param message  what is wrong and what is allowed
 */
public record ConfigProblem(Severity severity, Path file, int line, String subject, String message) {

    /** Whether a problem stops the configuration from being used. */
    public enum Severity { ERROR, WARNING }

    public ConfigProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static ConfigProblem error(Path file, int line, String subject, String message) {
        return new ConfigProblem(Severity.ERROR, file, line, subject, message);
    }

    public static ConfigProblem warning(Path file, int line, String subject, String message) {
        return new ConfigProblem(Severity.WARNING, file, line, subject, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code pgpool.conf:12: ERROR: parameter "port": ...}, the form every tool prints. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        sb.append(severity).append(": ");
        if (subject != null) {
            sb.append(subject).append(": ");
        }
        return sb.append(message).toString();
    }
}
