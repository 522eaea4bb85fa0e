package io.raftpool.it.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/** Last-resort cleanup for {@link PgCluster#close()}: killing a server pg_ctl could not stop, deleting files. */
final class PgCleanup {

    private PgCleanup() {
    }

    /**
     * Kills the postmaster whose pid is in {@code dataDir/postmaster.pid}, and its children, if it is still
     * alive and still a {@code postgres} executable (the pid may have been reused). Best effort: a
     * missing or unreadable pid file means there is nothing to kill.
     */
    static void kill(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        long pid;
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty()) {
                return;
            }
            pid = Long.parseLong(lines.get(0).strip());
        } catch (IOException | NumberFormatException e) {
            return;
        }
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
                .orElse(null);
        if (postmaster == null) {
            return;
        }
        postmaster.descendants().forEach(ProcessHandle::destroyForcibly);
        postmaster.destroyForcibly();
        try {
            postmaster.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Nothing more can be done; the caller reports the original failure.
        }
    }

    /** Deletes {@code dir} and everything under it. */
    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
