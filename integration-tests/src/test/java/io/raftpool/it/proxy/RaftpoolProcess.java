package io.raftpool.it.proxy;

import io.raftpool.it.pg.Wait;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real raftpool process started from the distribution ({@code cli/target/raftpool/bin/raftpool start -n}),
 * with its output in a log file that is printed when a test fails.
 */
public final class RaftpoolProcess implements AutoCloseable {

    /** The pcp.conf user the tests administer raftpool as. */
    public static final String ADMIN_USER = "admin";
    /** Its password, in pcp.conf as an MD5 hash and in plain text in .pcppass. */
    public static final String ADMIN_PASSWORD = "admin-secret";

    private final Path dir;
    private final int port;
    private final int pcpPort;
    private final Path log;
    private final String jvmOptions;
    private Process process;

    private RaftpoolProcess(Path dir, int port, int pcpPort, String jvmOptions) {
        this.dir = dir;
        this.port = port;
        this.pcpPort = pcpPort;
        this.log = dir.resolve("raftpool.log");
        this.jvmOptions = jvmOptions;
    }

    /** The MD5 of a string in hex, as pcp.conf holds passwords. */
    public static String md5Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return String.format("%032x", new java.math.BigInteger(1, d));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public int pcpPort() {
        return pcpPort;
    }

    /**
     * Runs a raftpool admin subcommand ({@code node-info}, {@code attach-node -n 1}, ...) against this
     * instance as the pcp.conf user, with the password from a .pcppass file; returns exit status and output.
     */
    public CliResult cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/raftpool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-h", "127.0.0.1", "-p", String.valueOf(pcpPort), "-U", ADMIN_USER, "-w"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PCPPASSFILE", dir.resolve(".pcppass").toString());
        pb.environment().put("RAFTPOOL_JAVA_OPTS", "-Xmx128m");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("raftpool " + String.join(" ", args) + " did not finish");
        }
        return new CliResult(p.exitValue(), out);
    }

    /** What an admin subcommand printed and its exit status. */
    public record CliResult(int exitCode, String output) {
    }

    /** The distribution's home, from the raftpool.home system property set by the build. */
    public static Path home() {
        String home = System.getProperty("raftpool.home");
        if (home == null) {
            throw new IllegalStateException("raftpool.home is not set: run the tests with mvn verify");
        }
        Path bin = Path.of(home, "bin", "raftpool");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " does not exist: build the distribution with mvn package");
        }
        return Path.of(home);
    }

    /**
     * Writes pgpool.conf (port and socket_dir added) into dir and starts raftpool on it; returns when it
     * accepts connections.
     */
    public static RaftpoolProcess start(Path dir, String pgpoolConf, String... extraFiles) throws IOException {
        return startWithJvmOptions("", dir, pgpoolConf, extraFiles);
    }

    /** As {@link #start}, with JVM options ({@code -Dname=value ...}) added to RAFTPOOL_JAVA_OPTS. */
    public static RaftpoolProcess startWithJvmOptions(String jvmOptions, Path dir, String pgpoolConf,
            String... extraFiles) throws IOException {
        int port = freePort();
        Files.createDirectories(dir);
        StringBuilder conf = new StringBuilder(pgpoolConf).append("\nport = ").append(port)
                .append("\nsocket_dir = '").append(dir).append("'\nlisten_addresses = '127.0.0.1'\n");
        if (!pgpoolConf.contains("logdir")) {
            conf.append("logdir = '").append(dir).append("'\n");
        }
        if (!pgpoolConf.contains("wd_port0")) {
            conf.append("wd_port0 = ").append(freePort()).append('\n');
        }
        int pcpPort = freePort();
        conf.append("pcp_port = ").append(pcpPort).append("\npcp_listen_addresses = '127.0.0.1'\n");
        Files.writeString(dir.resolve("pgpool.conf"), conf.toString());
        Files.writeString(dir.resolve("pcp.conf"), ADMIN_USER + ":" + md5Hex(ADMIN_PASSWORD) + "\n");
        Path pcppass = dir.resolve(".pcppass");
        Files.writeString(pcppass, "*:*:" + ADMIN_USER + ":" + ADMIN_PASSWORD + "\n");
        Files.setPosixFilePermissions(pcppass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        for (int i = 0; i + 1 < extraFiles.length; i += 2) {
            Files.writeString(dir.resolve(extraFiles[i]), extraFiles[i + 1]);
        }
        RaftpoolProcess p = new RaftpoolProcess(dir, port, pcpPort, jvmOptions);
        p.launch();
        return p;
    }

    private void launch() {
        List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/raftpool").toString(), "start", "-n", "-f",
                dir.resolve("pgpool.conf").toString()));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            // the launcher turns Netty's leak detector off for production; the tests keep its sampling
            pb.environment().put("RAFTPOOL_JAVA_OPTS", "-Xmx256m -Dio.netty.leakDetection.level=simple"
                    + " -Draftpool.log.dir=" + dir + System.getProperty("raftpool.it.jvmopts", "") + " " + jvmOptions);
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Wait.until(Duration.ofSeconds(60), "raftpool to accept connections on port " + port, () -> {
            if (!process.isAlive()) {
                return true;   // no use waiting: reported below
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        if (!process.isAlive()) {
            String output;
            try {
                output = logText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            throw new IllegalStateException("raftpool exited with status " + process.exitValue() + ":\n" + output);
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** A JDBC URL for the proxy. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public void printLog(PrintStream out) {
        try {
            out.println("----- raftpool log " + log + " -----");
            out.println(logText());
        } catch (IOException e) {
            out.println("(cannot read " + log + ": " + e + ")");
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Stops raftpool (SIGTERM) and starts it again on the same files; returns when it accepts connections. */
    public void restart() throws InterruptedException {
        stop();
        launch();
    }

    /** SIGTERM, then waits for the process to exit; returns its exit status. */
    public int stop() throws InterruptedException {
        if (process == null) {
            return -1;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
