package io.raftpool.cli.setup;

import io.raftpool.conf.command.CommandRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code raftpool setup}: a complete local cluster in one directory, as Pgpool-II's pgpool_setup and
 * watchdog_setup make one: a PostgreSQL primary with streaming standbys, and several raftpool instances
 * forming one Raft group in front of them, every server on 127.0.0.1. See {@link SandboxLayout} for the
 * files.
 */
public final class Sandbox {

    /** Unix socket paths longer than this do not fit in {@code sockaddr_un}. */
    private static final int MAX_SOCKET_PATH = 107;
    /** Characters a sandbox path may have: it appears in commands pgpool.conf gives to a shell. */
    private static final String SAFE_PATH = "[A-Za-z0-9._/+@:,=-]+";

    private final SandboxSpec spec;
    private final SandboxLayout layout;
    private final PrintWriter out;

    private Sandbox(SandboxSpec spec, PrintWriter out) {
        this.spec = spec;
        this.layout = new SandboxLayout(spec.dir(), spec.pgNodes(), spec.instances(), spec.basePort());
        this.out = out;
    }

    /**
     * Builds the sandbox, printing progress and finally the contents of README.port to {@code out}. Every
     * server is stopped when it returns; {@code startall} starts them.
     *
     * @return the text of README.port
     * @throws SetupException when it cannot be built; no server is left running, and the directory is left
     *         as it was for inspection
     */
    public static String create(SandboxSpec spec, PrintWriter out) {
        return new Sandbox(spec, out).create();
    }

    private String create() {
        checkDirectory(layout.root());
        Path launcher = spec.raftpoolHome().resolve("bin").resolve("raftpool");
        if (!Files.isExecutable(launcher)) {
            throw new SetupException(launcher + " does not exist: run raftpool setup from the distribution "
                    + "(bin/raftpool), which tells it where raftpool is installed");
        }
        PgTools pg = PgTools.locate(spec.pgBin(), new CommandRunner());
        pg.checkReachable(layout.root());
        checkPorts(layout);
        checkSocketPaths();
        out.println("Setting up a raftpool sandbox in " + layout.root() + " with " + pg.version() + " from "
                + pg.binDir() + (pg.runsAsServerUser() ? " (run as OS user " + PgTools.SERVER_USER + ")" : ""));
        out.flush();
        Credentials credentials = Credentials.generate();
        ScriptWriter scripts = new ScriptWriter(layout, pg.binDir(), pg.asServerUser(), launcher);
        writeFiles(layout, scripts, credentials);
        new PgSandbox(layout, pg, out).build(credentials, "recovery_1st_stage", scripts.recoveryFirstStage(),
                "pgpool_remote_start", scripts.remoteStart());
        String readme = readme(credentials, pg);
        ScriptFiles.writePrivate(layout.readme(), readme);
        out.println();
        out.print(readme);
        out.flush();
        return readme;
    }

    /** Writes every file but PostgreSQL's own: scripts, and each raftpool instance's directory. */
    static void writeFiles(SandboxLayout layout, ScriptWriter scripts, Credentials credentials) {
        try {
            Files.createDirectories(layout.root());
            Files.setPosixFilePermissions(layout.root(), PosixFilePermissions.fromString("rwxr-xr-x"));
            writeScripts(layout, scripts);
            writeInstances(layout, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void checkDirectory(Path dir) {
        if (!dir.toString().matches(SAFE_PATH)) {
            throw new SetupException("the sandbox path " + dir + " has a space or a character the shell treats "
                    + "specially; it appears in commands in pgpool.conf, so choose another with -d (letters, digits "
                    + "and ._/+@:,=- only)");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new SetupException(dir + " exists and is not a directory");
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new SetupException(dir + " is not empty: raftpool setup builds a sandbox only in a new or "
                            + "empty directory. Remove it (after " + dir.resolve("shutdownall")
                            + ", if it is a sandbox) or choose another with -d");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void checkPorts(SandboxLayout layout) {
        List<Integer> busy = new ArrayList<>();
        layout.ports().forEach(port -> {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(SandboxLayout.HOST))) {
                s.setReuseAddress(true);
            } catch (IOException e) {
                busy.add(port);
            }
        });
        if (!busy.isEmpty()) {
            throw new SetupException("the sandbox needs ports " + layout.ports().min().orElse(0) + ".."
                    + layout.lastPort() + " on " + SandboxLayout.HOST + ", but " + busy + " are in use; choose "
                    + "another base port with -p");
        }
    }

    private void checkSocketPaths() {
        int longest = layout.pgSocketDir().resolve(".s.PGSQL." + layout.lastPort()).toString().length();
        for (int i = 0; i < layout.instances(); i++) {
            longest = Math.max(longest, layout.instanceDir(i).resolve(".s.PGSQL." + layout.lastPort()).toString()
                    .length());
        }
        if (longest > MAX_SOCKET_PATH) {
            throw new SetupException("the sandbox path " + layout.root() + " is too long for the Unix sockets in it ("
                    + longest + " characters, at most " + MAX_SOCKET_PATH + "); choose a shorter one with -d");
        }
    }

    private static void writeScripts(SandboxLayout layout, ScriptWriter scripts) throws IOException {
        Files.createDirectories(layout.scriptsDir());
        long uid = ((Number) Files.getAttribute(layout.root(), "unix:uid")).longValue();
        ScriptFiles.writePublic(layout.scriptsDir().resolve("sandbox.sh"), scripts.common(uid));
        ScriptFiles.writeExecutable(layout.scriptsDir().resolve("failover.sh"), scripts.failover());
        ScriptFiles.writeExecutable(layout.scriptsDir().resolve("follow_primary.sh"), scripts.followPrimary());
        ScriptFiles.writeExecutable(layout.scriptsDir().resolve(ConfigWriter.VIP_SCRIPT), scripts.vip());
        ScriptFiles.writeExecutable(layout.startall(), scripts.startall());
        ScriptFiles.writeExecutable(layout.shutdownall(), scripts.shutdownall());
        ScriptFiles.writePublic(layout.envFile(), scripts.env());
    }

    private static void writeInstances(SandboxLayout layout, Credentials credentials) throws IOException {
        ConfigWriter config = new ConfigWriter(layout);
        for (int i = 0; i < layout.instances(); i++) {
            Path dir = layout.instanceDir(i);
            Files.createDirectories(layout.logDir(i));
            Files.createDirectories(layout.raftDir(i));
            ScriptFiles.writePublic(layout.pgpoolConf(i), config.pgpoolConf(i));
            ScriptFiles.writePublic(dir.resolve("pgpool_node_id"), ConfigWriter.nodeId(i));
            ScriptFiles.writePublic(dir.resolve("pool_hba.conf"), ConfigWriter.poolHba());
            ScriptFiles.writePrivate(dir.resolve("pool_passwd"), ConfigWriter.poolPasswd(credentials));
            ScriptFiles.writePrivate(dir.resolve("pcp.conf"), ConfigWriter.pcpConf(credentials));
        }
        ScriptFiles.writePrivate(layout.pgpass(), ConfigWriter.pgpass(credentials));
        ScriptFiles.writePrivate(layout.pcppass(), ConfigWriter.pcppass(credentials));
    }

    private String readme(Credentials c, PgTools pg) {
        StringBuilder s = new StringBuilder();
        s.append("raftpool sandbox in ").append(layout.root()).append('\n');
        s.append(pg.version()).append(" from ").append(pg.binDir())
                .append(pg.runsAsServerUser() ? ", servers run as OS user " + PgTools.SERVER_USER : "").append('\n');
        s.append('\n');
        for (int node = 0; node < layout.pgNodes(); node++) {
            s.append("PostgreSQL node ").append(node).append(": port ").append(layout.pgPort(node)).append(", ")
                    .append(node == 0 ? "primary" : "standby").append(", data ").append(layout.dataDir(node))
                    .append('\n');
        }
        for (int i = 0; i < layout.instances(); i++) {
            s.append("raftpool instance ").append(i).append(": port ").append(layout.port(i)).append(", pcp_port ")
                    .append(layout.pcpPort(i)).append(", wd_port ").append(layout.wdPort(i))
                    .append(", heartbeat_port ").append(layout.heartbeatPort(i)).append(", in ")
                    .append(layout.instanceDir(i)).append('\n');
        }
        s.append('\n');
        s.append("database user ").append(Credentials.DB_USER).append(", password ").append(c.postgresPassword())
                .append(" (md5 in pool_passwd; also in ").append(layout.pgpass()).append(")\n");
        s.append("check user ").append(Credentials.CHECK_USER).append(", password ").append(c.pgpoolPassword())
                .append(" (health check, streaming-replication check)\n");
        s.append("admin (pcp.conf) user ").append(Credentials.ADMIN_USER).append(", password ")
                .append(c.adminPassword()).append(" (also in ").append(layout.pcppass()).append(")\n");
        s.append("PostgreSQL trusts connections from this machine; clients of raftpool need the password.\n");
        s.append('\n');
        s.append("The delegate IP ").append(ConfigWriter.DELEGATE_IP).append(" is SIMULATED: if_up_cmd, if_down_cmd "
                + "and arping_cmd only append a line to ").append(layout.vipLog()).append('\n');
        s.append('\n');
        s.append("start:  ").append(layout.startall()).append('\n');
        s.append("use:    . ").append(layout.envFile()).append("; psql -c 'SHOW pool_nodes'\n");
        s.append("admin:  raftpool node-info -n 0 -h 127.0.0.1 -p ").append(layout.pcpPort(0))
                .append(" -U admin -w\n");
        s.append("stop:   ").append(layout.shutdownall()).append('\n');
        s.append("logs:   ").append(layout.root().resolve("inst0/raftpool.log")).append(", ")
                .append(layout.pgLogDir()).append(", ").append(layout.scriptLog()).append('\n');
        return s.toString();
    }

    /** The distribution's directory: {@code raftpool.home}, which bin/raftpool sets. */
    public static Path defaultHome() {
        String home = System.getProperty("raftpool.home");
        return home == null ? Path.of("").toAbsolutePath() : Path.of(home);
    }
}
