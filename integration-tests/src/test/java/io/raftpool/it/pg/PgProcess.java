package io.raftpool.it.pg;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command (an argument list, never a shell string) to completion with a timeout, capturing its
 * output. Output goes to temporary files rather than pipes, so a daemon the command leaves behind (such as
 * the server {@code pg_ctl start} launches) can never hold the harness up.
 */
public final class PgProcess {

    /**
     * What a finished command did.
     *
     * @param command the argument list that was run
     * @param exitCode its exit status
     * @param stdout everything it wrote to standard output
     * @param stderr everything it wrote to standard error
     */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
    }

    /** Thrown when a command fails, times out or cannot be started; the message carries its stderr. */
    public static final class CommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CommandException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private PgProcess() {
    }

    /**
     * Runs {@code command} in {@code workDir} and returns its result whatever its exit status. Environment
     * variables starting with {@code PG} are removed so the caller's libpq settings cannot leak in.
     *
     * @throws CommandException if it cannot be started or does not finish within {@code timeout} (it is
     *         then killed, with its descendants)
     */
    public static Result run(List<String> command, Path workDir, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("raftpool-cmd-", ".out");
            err = Files.createTempFile("raftpool-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new CommandException("timed out after " + timeout.toSeconds() + " s: " + command
                        + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8), null);
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandException("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /**
     * Like {@link #run} but insists on exit status 0.
     *
     * @throws CommandException naming the command, its exit status, stdout and stderr, if it fails
     */
    public static Result check(List<String> command, Path workDir, Duration timeout) {
        Result result = run(command, workDir, timeout);
        if (result.exitCode() != 0) {
            throw new CommandException("exit status " + result.exitCode() + ": " + command
                    + "\nstdout:\n" + result.stdout() + "stderr:\n" + result.stderr(), null);
        }
        return result;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover file in the temporary directory is harmless; the command's outcome matters more.
        }
    }
}
