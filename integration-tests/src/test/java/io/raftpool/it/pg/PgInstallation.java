package io.raftpool.it.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the PostgreSQL binaries are and which OS user runs them. PostgreSQL refuses to run as root, so
 * when the JVM is root every binary is run as {@code postgres} through {@code runuser}, and the files the
 * servers must write are handed to that user.
 */
public final class PgInstallation {

    /** Where Debian's PostgreSQL 15 package puts its binaries. */
    static final Path DEBIAN_PG15 = Path.of("/usr/lib/postgresql/15/bin");
    /** The OS user servers run as when the JVM is root. */
    static final String SERVER_USER = "postgres";

    private static final List<String> REQUIRED = List.of("initdb", "pg_ctl", "pg_basebackup", "postgres");
    private static final Duration QUICK = Duration.ofSeconds(30);

    private final Path binDir;
    private final Path runuser;

    private PgInstallation(Path binDir, Path runuser) {
        this.binDir = binDir;
        this.runuser = runuser;
    }

    /**
     * Finds the binaries: {@code $PG_BIN} if set, else {@code /usr/lib/postgresql/15/bin}, else
     * {@code pg_config --bindir}.
     *
     * @throws IllegalStateException naming every place looked at, if none has them
     */
    public static PgInstallation locate() {
        Path binDir = findBinDir();
        for (String name : REQUIRED) {
            if (!Files.isExecutable(binDir.resolve(name))) {
                String from = binDir.toString().equals(System.getenv("PG_BIN")) ? " (from $PG_BIN)" : "";
                throw new IllegalStateException("PostgreSQL binary directory " + binDir + from
                        + " has no executable " + name);
            }
        }
        return new PgInstallation(binDir, isRoot() ? findRunuser() : null);
    }

    /** The directory holding {@code initdb}, {@code pg_ctl} and the rest. */
    public Path binDir() {
        return binDir;
    }

    /** Whether binaries are run as the {@code postgres} OS user (because the JVM is root). */
    public boolean runsAsServerUser() {
        return runuser != null;
    }

    /** The argument list that runs {@code binary} from {@link #binDir()} with {@code args} as the right user. */
    public List<String> command(String binary, String... args) {
        List<String> argv = new ArrayList<>();
        if (runuser != null) {
            argv.addAll(List.of(runuser.toString(), "-u", SERVER_USER, "--"));
        }
        argv.add(binDir.resolve(binary).toString());
        argv.addAll(List.of(args));
        return argv;
    }

    /** Runs {@code binary}, insisting on success; see {@link PgProcess#check}. */
    public PgProcess.Result check(Path workDir, Duration timeout, String binary, String... args) {
        return PgProcess.check(command(binary, args), workDir, timeout);
    }

    /** Runs {@code binary} and returns its result whatever its exit status; see {@link PgProcess#run}. */
    public PgProcess.Result run(Path workDir, Duration timeout, String binary, String... args) {
        return PgProcess.run(command(binary, args), workDir, timeout);
    }

    /** Makes {@code path} owned by the server user, when binaries run as that user; otherwise does nothing. */
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

    /** Writes (or appends to) a text file that the server user owns. */
    void writeServerFile(Path file, String text, boolean append) {
        try {
            if (append) {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        giveToServerUser(file);
    }

    /**
     * Checks that the server user can reach {@code dir}: every directory above it must be searchable by
     * others, as {@code /tmp} is.
     *
     * @throws IllegalStateException naming the first directory that is not
     */
    void checkReachable(Path dir) {
        if (runuser == null) {
            return;
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("OS user " + SERVER_USER + " cannot reach " + dir + ": " + p
                            + " is not searchable by others; point java.io.tmpdir somewhere it can reach");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path findBinDir() {
        String env = System.getenv("PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (Files.isExecutable(DEBIAN_PG15.resolve("pg_ctl"))) {
            return DEBIAN_PG15;
        }
        String why;
        try {
            PgProcess.Result r = PgProcess.run(List.of("pg_config", "--bindir"), Path.of("/"), QUICK);
            if (r.exitCode() == 0 && Files.isExecutable(Path.of(r.stdout().strip(), "pg_ctl"))) {
                return Path.of(r.stdout().strip());
            }
            why = "pg_config --bindir said \"" + r.stdout().strip() + "\" (exit " + r.exitCode() + ")";
        } catch (PgProcess.CommandException e) {
            why = "pg_config could not be run (" + e.getMessage() + ")";
        }
        throw new IllegalStateException("PostgreSQL binaries not found: $PG_BIN is not set, " + DEBIAN_PG15
                + "/pg_ctl does not exist, and " + why + ". Install PostgreSQL 15 or set PG_BIN.");
    }

    private static boolean isRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        PgProcess.Result r = PgProcess.run(List.of("id", "-u"), Path.of("/"), QUICK);
        return r.exitCode() == 0 && r.stdout().strip().equals("0");
    }

    private static Path findRunuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("running as root, so PostgreSQL must run as OS user " + SERVER_USER
                + ", but runuser was not found in /usr/sbin, /sbin, /usr/bin or /bin");
    }
}
