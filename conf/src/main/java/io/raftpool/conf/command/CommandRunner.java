package io.raftpool.conf.command;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way raftpool runs external commands (failover_command, follow_primary_command, if_up_cmd,
 * escalation and recovery scripts, ...). Each run: standard input from /dev/null, standard output and error
 * captured (their last {@value #MAX_CAPTURED_BYTES} bytes each), a timeout after which the command and every
 * process it started are killed, the command line and its outcome logged, and the exit status returned as a
 * value. Running never throws.
 */
public final class CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    /** How much of each output stream is kept. */
    public static final int MAX_CAPTURED_BYTES = 64 * 1024;

    /** How long a command may take to exit after SIGTERM before it is killed. */
    private static final Duration TERM_GRACE = Duration.ofSeconds(2);

    private final ExecutorService executor;
    /** Whether successful runs are logged at DEBUG only (failures are always logged at WARN). */
    private final boolean quiet;

    /** A runner whose asynchronous runs use daemon threads of its own. */
    public CommandRunner() {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "command-runner-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.quiet = false;
    }

    private CommandRunner(ExecutorService executor, boolean quiet) {
        this.executor = executor;
        this.quiet = quiet;
    }

    /**
     * This runner, logging successful runs at DEBUG only: for commands run every few seconds
     * (trusted_server_command), whose failures still reach the log at WARN.
     */
    public CommandRunner quiet() {
        return new CommandRunner(executor, true);
    }

    /** Fills in the template and runs it; see {@link #run(PreparedCommand, Duration)}. */
    public CommandResult run(CommandTemplate template, Placeholders placeholders, Duration timeout) {
        return run(template.prepare(placeholders), timeout);
    }

    /**
     * Runs a command to its end or its timeout.
     *
     * @param timeout how long it may run; zero or negative for no limit
     */
    public CommandResult run(PreparedCommand command, Duration timeout) {
        long start = System.nanoTime();
        if (quiet) {
            LOG.debug("{}: running: {}", command.name(), command.displayLine());
        } else {
            LOG.info("{}: running: {}", command.name(), command.displayLine());
        }
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("raftpool-cmd-", ".out");
            err = Files.createTempFile("raftpool-cmd-", ".err");
            Process process = new ProcessBuilder(command.argv())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean timedOut = !waitFor(process, timeout);
            if (timedOut) {
                kill(process);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            int exit = timedOut ? -1 : process.exitValue();
            CommandResult result = new CommandResult(command.name(), command.displayLine(), exit, timedOut,
                    tail(out), tail(err), elapsed);
            log(result);
            return result;
        } catch (IOException e) {
            CommandResult result = new CommandResult(command.name(), command.displayLine(), -1, false, "",
                    e.getMessage(), Duration.ofNanos(System.nanoTime() - start));
            log(result);
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(command.name(), command.displayLine(), -1, false, "",
                    "interrupted while waiting for the command", Duration.ofNanos(System.nanoTime() - start));
        } finally {
            delete(out);
            delete(err);
        }
    }

    /** Runs a command on the runner's own threads; the future always completes normally. */
    public CompletableFuture<CommandResult> runAsync(PreparedCommand command, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> run(command, timeout), executor);
    }

    private static boolean waitFor(Process process, Duration timeout) throws InterruptedException {
        if (timeout.isZero() || timeout.isNegative()) {
            process.waitFor();
            return true;
        }
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** SIGTERM to the command and everything it started, then SIGKILL to whatever is left. */
    private static void kill(Process process) throws InterruptedException {
        var descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.waitFor(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String tail(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long from = Math.max(0, length - MAX_CAPTURED_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            raf.seek(from);
            raf.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return from > 0 ? "[... " + from + " bytes cut ...]\n" + text : text;
        }
    }

    private void log(CommandResult r) {
        if (r.succeeded() && quiet) {
            LOG.debug("{}", r.summary());
            return;
        }
        if (r.succeeded()) {
            LOG.info("{}", r.summary());
        } else {
            LOG.warn("{}: {}", r.summary(), r.displayLine());
        }
        logOutput(r, "stdout", r.stdout());
        logOutput(r, "stderr", r.stderr());
    }

    private static void logOutput(CommandResult r, String stream, String text) {
        if (text == null || text.isBlank() || (r.exitCode() == -1 && !r.timedOut() && stream.equals("stderr"))) {
            return;
        }
        for (String line : text.strip().split("\n")) {
            if (r.succeeded()) {
                LOG.info("{} {}: {}", r.name(), stream, line);
            } else {
                LOG.warn("{} {}: {}", r.name(), stream, line);
            }
        }
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("could not delete {}", file, e);
            }
        }
    }
}
