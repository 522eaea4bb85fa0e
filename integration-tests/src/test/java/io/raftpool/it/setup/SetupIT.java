package io.raftpool.it.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgInstallation;
import io.raftpool.it.pg.PgProcess;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.RaftpoolProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * {@code raftpool setup} as a user runs it: build a sandbox of three PostgreSQL nodes and three raftpool
 * instances, {@code startall}, pgbench through the first instance, {@code SHOW pool_nodes} on every
 * instance, a SIGTERM smart stop, and {@code shutdownall}, after which no process of the sandbox is left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupIT {

    private static final int NODES = 3;
    private static final int INSTANCES = 3;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

    private static Path tmp;
    private static Path sandbox;
    private static int basePort;

    @RegisterExtension
    static final TestWatcher LOGS_ON_FAILURE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            printLogs();
        }
    };

    @BeforeAll
    static void setUpAndStart() throws IOException {
        // Under root PostgreSQL runs as postgres, which must reach the sandbox: the temporary directory
        // above it is made searchable by others, as /tmp is.
        tmp = Files.createTempDirectory("raftpool-setup-it-");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        sandbox = tmp.resolve("sandbox");
        basePort = freePortRange(INSTANCES * 4 + NODES);
        PgProcess.Result setup = run(RaftpoolProcess.home().resolve("bin/raftpool").toString(), "setup",
                "-d", sandbox.toString(), "-n", String.valueOf(NODES), "-w", String.valueOf(INSTANCES),
                "-p", String.valueOf(basePort));
        assertEquals(0, setup.exitCode(), setup.stdout() + setup.stderr());
        assertTrue(setup.stdout().contains("The delegate IP 192.0.2.10 is SIMULATED"), setup.stdout());
        assertEquals(Files.readString(sandbox.resolve("README.port")),
                setup.stdout().substring(setup.stdout().lastIndexOf("raftpool sandbox in ")));
        PgProcess.Result again = run(RaftpoolProcess.home().resolve("bin/raftpool").toString(), "setup", "-d",
                sandbox.toString(), "-p", String.valueOf(basePort));
        assertEquals(1, again.exitCode());
        assertTrue(again.stderr().contains(sandbox + " is not empty"), again.stderr());

        PgProcess.Result start = run(sandbox.resolve("startall").toString());
        if (start.exitCode() != 0) {
            printLogs();
        }
        assertEquals(0, start.exitCode(), start.stdout() + start.stderr());
        for (int i = 0; i < INSTANCES; i++) {
            int instance = i;
            Wait.until(Duration.ofSeconds(60), "instance " + i + " to accept connections",
                    () -> query(instance, "SELECT 1").equals("1"));
        }
    }

    @Test
    @Order(1)
    void pgbenchRunsThroughTheFirstInstanceWithoutAFailedTransaction() {
        PgProcess.Result init = run(pgbench(), "-i", "-q", conninfo(0));
        assertEquals(0, init.exitCode(), init.stdout() + init.stderr());
        PgProcess.Result bench = run(pgbench(), "-T", "5", "-c", "4", "-j", "2", conninfo(0));
        assertEquals(0, bench.exitCode(), bench.stdout() + bench.stderr());
        assertTrue(bench.stdout().contains("number of failed transactions: 0 (0.000%)"), bench.stdout());
        assertTrue(bench.stdout().matches("(?s).*number of transactions actually processed: [1-9].*"), bench.stdout());
    }

    @Test
    @Order(2)
    void everyInstanceShowsThreeNodesWithOnePrimary() throws SQLException {
        for (int i = 0; i < INSTANCES; i++) {
            List<String> nodes = new ArrayList<>();
            try (Connection c = connect(i); ResultSet rs = c.createStatement().executeQuery("SHOW pool_nodes")) {
                while (rs.next()) {
                    nodes.add(rs.getString("node_id") + " " + rs.getString("status") + " " + rs.getString("role"));
                }
            }
            assertEquals(List.of("0 up primary", "1 up standby", "2 up standby"), nodes, "instance " + i);
        }
    }

    @Test
    @Order(3)
    void sigtermIsASmartStop() throws Exception {
        int last = INSTANCES - 1;
        long pid = Long.parseLong(Files.readString(instanceDir(last).resolve("raftpool.pid")).strip());
        ProcessHandle raftpool = ProcessHandle.of(pid).orElseThrow();
        try (Connection session = connect(last)) {
            assertTrue(raftpool.destroy(), "SIGTERM sent");
            Wait.until(Duration.ofSeconds(30), "instance " + last + " to refuse new clients", () -> {
                try (Connection c = connect(last)) {
                    return false;
                } catch (SQLException e) {
                    return true;
                }
            });
            try (ResultSet rs = session.createStatement().executeQuery("SELECT 'still served'")) {
                assertTrue(rs.next());
            }
            assertTrue(raftpool.isAlive(), "a smart stop waits for the session under way");
        }
        Wait.until(Duration.ofSeconds(30), "instance " + last + " to exit after its last session",
                () -> !raftpool.isAlive());
    }

    @Test
    @Order(4)
    void shutdownallLeavesNoProcessBehind() throws IOException {
        List<ProcessHandle> servers = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            Path pidFile = instanceDir(i).resolve("raftpool.pid");
            if (Files.exists(pidFile)) {
                ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(servers::add);
            }
        }
        for (int node = 0; node < NODES; node++) {
            Path pidFile = sandbox.resolve("pg/node" + node + "/postmaster.pid");
            servers.add(ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).orElseThrow());
        }
        assertEquals(INSTANCES - 1 + NODES, servers.size(), "the servers still running: " + servers);

        PgProcess.Result stop = run(sandbox.resolve("shutdownall").toString());
        assertEquals(0, stop.exitCode(), stop.stdout() + stop.stderr());
        // A server removes its pid file just before it exits: give the exits, and the reaping, a moment.
        Wait.until(Duration.ofSeconds(15), "every server of the sandbox to exit: " + servers,
                () -> servers.stream().noneMatch(ProcessHandle::isAlive));
        assertEquals(List.of(), processesOfTheSandbox());
        for (int node = 0; node < NODES; node++) {
            assertFalse(Files.exists(sandbox.resolve("pg/node" + node + "/postmaster.pid")));
        }
        for (int i = 0; i < INSTANCES; i++) {
            assertFalse(Files.exists(instanceDir(i).resolve("raftpool.pid")));
        }
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (tmp == null) {
            return;
        }
        if (sandbox != null && Files.exists(sandbox.resolve("shutdownall")) && !processesOfTheSandbox().isEmpty()) {
            run(sandbox.resolve("shutdownall").toString());
            processesOfTheSandbox().forEach(ProcessHandle::destroyForcibly);
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every process whose command line names the sandbox (each postmaster with -D, each raftpool with -f). */
    private static List<ProcessHandle> processesOfTheSandbox() {
        String dir = sandbox.toString() + "/";
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(cmd -> cmd.contains(dir)).orElse(false)).toList();
    }

    private static Path instanceDir(int instance) {
        return sandbox.resolve("inst" + instance);
    }

    private static int port(int instance) {
        return basePort + 4 * instance;
    }

    private static String password() throws IOException {
        return Files.readAllLines(sandbox.resolve(".pgpass")).get(0).split(":")[4];
    }

    private static Connection connect(int instance) throws SQLException {
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port(instance)
                    + "/postgres?connectTimeout=5", "postgres", password());
        } catch (IOException e) {
            throw new SQLException(e);
        }
    }

    private static String query(int instance, String sql) throws SQLException {
        try (Connection c = connect(instance); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** pgbench's connection string: the password comes from the sandbox's .pgpass. */
    private static String conninfo(int instance) {
        return "host=127.0.0.1 port=" + port(instance) + " user=postgres dbname=postgres passfile="
                + sandbox.resolve(".pgpass");
    }

    private static String pgbench() {
        return PgInstallation.locate().binDir().resolve("pgbench").toString();
    }

    private static PgProcess.Result run(String... command) {
        return PgProcess.run(List.of(command), tmp, COMMAND_TIMEOUT);
    }

    /** A base port from which {@code count} consecutive ports are free on 127.0.0.1. */
    private static int freePortRange(int count) throws IOException {
        Random random = new Random();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20000 + random.nextInt(30000);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int p = base; p < base + count; p++) {
                    held.add(new ServerSocket(p, 1, loopback));
                }
                return base;
            } catch (IOException busy) {
                // try another range
            } finally {
                for (ServerSocket s : held) {
                    s.close();
                }
            }
        }
        throw new IOException("no " + count + " consecutive free ports found on 127.0.0.1");
    }

    private static void printLogs() {
        if (sandbox == null) {
            return;
        }
        List<Path> logs = new ArrayList<>(List.of(sandbox.resolve("scripts.log")));
        for (int i = 0; i < INSTANCES; i++) {
            logs.add(instanceDir(i).resolve("raftpool.log"));
        }
        for (int node = 0; node < NODES; node++) {
            logs.add(sandbox.resolve("pg/log/node" + node + ".log"));
        }
        for (Path log : logs) {
            try {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log);
                    System.err.println("----- last 80 lines of " + log + " -----");
                    lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.err::println);
                }
            } catch (IOException e) {
                System.err.println("(cannot read " + log + ": " + e + ")");
            }
        }
    }
}
