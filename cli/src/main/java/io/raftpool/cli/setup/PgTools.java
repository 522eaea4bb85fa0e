package io.raftpool.cli.setup;

import io.raftpool.conf.command.CommandResult;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.conf.command.PreparedCommand;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The PostgreSQL binaries a sandbox uses and the OS user that runs them. PostgreSQL refuses to run as root,
 * so when {@code raftpool setup} runs as root every PostgreSQL program runs as {@code postgres} through
 * {@code runuser}, and the files the servers write are handed to that user. Every program runs through the
 * one {@link CommandRunner}, as an argument vector.
 */
final class PgTools {

    /** The OS user PostgreSQL runs as when setup runs as root. */
    static final String SERVER_USER = "postgres";
    /** The programs a sandbox needs: to build it, and in its failover and recovery scripts. */
    static final List<String> REQUIRED = List.of("initdb", "pg_ctl", "pg_basebackup", "pg_rewind", "postgres",
            "psql", "pg_isready");
    private static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private final Path binDir;
    private final Path runuser;
    private final CommandRunner runner;

    PgTools(Path binDir, Path runuser, CommandRunner runner) {
        this.binDir = binDir;
        this.runuser = runuser;
        this.runner = runner;
    }

    /**
     * Finds the binaries ({@code pgBin} if given, else the newest {@code /usr/lib/postgresql/N/bin}, else the
     * directory of {@code pg_ctl} on the PATH) and, when this process is root, {@code runuser}.
     *
     * @throws SetupException naming what is missing
     */
    static PgTools locate(Optional<Path> pgBin, CommandRunner runner) {
        Path dir = pgBin.orElseGet(PgTools::findBinDir);
        List<String> missing = REQUIRED.stream().filter(b -> !Files.isExecutable(dir.resolve(b))).toList();
        if (!missing.isEmpty()) {
            throw new SetupException("PostgreSQL binary directory " + dir + " has no " + String.join(", ", missing)
                    + (pgBin.isPresent() ? "" : "; name the right one with --pg-bin"));
        }
        return new PgTools(dir, isRoot() ? findRunuser() : null, runner);
    }

    Path binDir() {
        return binDir;
    }

    /** Whether PostgreSQL runs as {@value #SERVER_USER} because this process is root. */
    boolean runsAsServerUser() {
        return runuser != null;
    }

    /** {@code runuser -u postgres --} when root, else nothing: the prefix for a PostgreSQL program. */
    List<String> asServerUser() {
        return runuser == null ? List.of() : List.of(runuser.toString(), "-u", SERVER_USER, "--");
    }

    /** Runs a PostgreSQL program as the server user, insisting on success; returns its standard output. */
    String check(String program, String... args) {
        CommandResult r = run(program, args);
        if (!r.succeeded()) {
            throw new SetupException(r.summary() + ": " + r.displayLine()
                    + (r.stderr().isBlank() ? "" : "\n" + r.stderr().strip()));
        }
        return r.stdout();
    }

    /** Runs a PostgreSQL program as the server user and returns what it did, whatever its exit status. */
    CommandResult run(String program, String... args) {
        List<String> argv = new ArrayList<>(asServerUser());
        argv.add(binDir.resolve(program).toString());
        argv.addAll(List.of(args));
        return runner.run(PreparedCommand.ofArgv(program, argv), TIMEOUT);
    }

    /** The server's version as {@code postgres --version} prints it. */
    String version() {
        CommandResult r = runner.run(PreparedCommand.ofArgv("postgres",
                List.of(binDir.resolve("postgres").toString(), "--version")), TIMEOUT);
        return r.succeeded() ? r.stdout().strip() : "PostgreSQL (version unknown)";
    }

    /** Creates a directory the server user owns. */
    void createServerDir(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        giveToServerUser(dir);
    }

    /** Writes a text file the server user owns (replacing it, or appending to it). */
    void writeServerFile(Path file, String text, boolean append) {
        try {
            if (append) {
                Files.writeString(file, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        giveToServerUser(file);
    }

    /** Hands {@code path} to the server user when PostgreSQL runs as that user; otherwise does nothing. */
    void giveToServerUser(Path path) {
        if (runuser == null) {
            return;
        }
        try {
            UserPrincipal user = path.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SERVER_USER);
            Files.setOwner(path, user);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + path + " to OS user " + SERVER_USER, e);
        }
    }

    /**
     * Checks that the server user can reach {@code dir}: when it is not this process's own user, every
     * directory above {@code dir} must be searchable by others.
     *
     * @throws SetupException naming the first directory that is not
     */
    void checkReachable(Path dir) {
        if (runuser == null) {
            return;
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new SetupException("PostgreSQL runs as OS user " + SERVER_USER + " (setup runs as root), "
                            + "which cannot reach " + dir + " because " + p + " is not searchable by others; "
                            + "choose a directory it can reach with -d (under /tmp or /srv, for example)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path findBinDir() {
        if (Files.isDirectory(DEBIAN_ROOT)) {
            try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN_ROOT, "[0-9]*")) {
                List<Path> found = new ArrayList<>();
                versions.forEach(v -> {
                    if (Files.isExecutable(v.resolve("bin/pg_ctl"))) {
                        found.add(v.resolve("bin"));
                    }
                });
                Optional<Path> newest = found.stream().max(Comparator.comparingInt(PgTools::majorVersion));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                // fall through to the PATH
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String entry : path.split(File.pathSeparator)) {
            Path pgCtl = Path.of(entry.isEmpty() ? "." : entry, "pg_ctl");
            if (Files.isExecutable(pgCtl)) {
                try {
                    return pgCtl.toRealPath().getParent();
                } catch (IOException e) {
                    return pgCtl.getParent();
                }
            }
        }
        throw new SetupException("PostgreSQL not found: no " + DEBIAN_ROOT + "/*/bin/pg_ctl and no pg_ctl on the "
                + "PATH; install PostgreSQL or name its binary directory with --pg-bin");
    }

    private static int majorVersion(Path binDir) {
        try {
            return Integer.parseInt(binDir.getParent().getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Path findRunuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new SetupException("running as root, so PostgreSQL must run as OS user " + SERVER_USER
                + ", but runuser was not found in /usr/sbin, /sbin, /usr/bin or /bin");
    }
}
