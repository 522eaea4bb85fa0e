package io.raftpool.cli.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.LoadResult;
import io.raftpool.conf.Params;
import io.raftpool.conf.WatchdogNodeConfig;
import io.raftpool.conf.command.CommandResult;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.conf.command.CommandTemplate;
import io.raftpool.conf.command.Placeholders;
import io.raftpool.conf.hba.HbaFile;
import io.raftpool.conf.passwd.PoolPasswdFile;
import io.raftpool.conf.pcp.PcpConfFile;
import io.raftpool.conf.pcp.PcpUsers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files raftpool setup writes, read back by the parsers raftpool itself uses, and the scripts run. */
class SandboxFilesTest {

    @TempDir
    Path tmp;

    private SandboxLayout layout;
    private final Credentials credentials = Credentials.generate();

    @BeforeEach
    void write() {
        layout = new SandboxLayout(tmp.resolve("sandbox"), 3, 3, 31000);
        ScriptWriter scripts = new ScriptWriter(layout, Path.of("/usr/lib/postgresql/15/bin"), List.of(),
                tmp.resolve("home/bin/raftpool"));
        Sandbox.writeFiles(layout, scripts, credentials);
    }

    @Test
    void everyInstanceConfigurationLoadsWithoutErrors() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < layout.instances(); i++) {
            LoadResult r = ConfigLoader.load(layout.pgpoolConf(i));
            assertTrue(r.errors().isEmpty(), r.problems().toString());
            Config c = r.config();
            assertEquals(i, c.nodeId(), "pgpool_node_id");
            assertTrue(c.get(Params.USE_WATCHDOG));
            assertEquals(3, c.backends().size());
            List<WatchdogNodeConfig> members = c.watchdogNodes();
            assertEquals(3, members.size());
            assertEquals(layout.wdPort(i), members.get(i).wdPort());
            assertEquals(3, c.heartbeats().size());
            assertEquals(layout.instanceDir(i).resolve("raft").toString(), c.get(Params.RAFT_STORAGE_DIR));
            assertEquals(layout.instanceDir(i).resolve("log").toString(), c.get(Params.LOGDIR));
            assertTrue(ports.add(c.get(Params.PORT)) && ports.add(c.get(Params.PCP_PORT)), "ports are distinct");
            assertTrue(c.get(Params.FAILOVER_COMMAND).startsWith(layout.scriptsDir().resolve("failover.sh") + " %d"));
        }
        for (int node = 0; node < layout.pgNodes(); node++) {
            assertTrue(ports.add(layout.pgPort(node)), "PostgreSQL ports differ from raftpool's");
        }
    }

    @Test
    void passwordFilesLoadAndMatchTheGeneratedPasswords() {
        Path inst = layout.instanceDir(1);
        assertTrue(HbaFile.load(inst.resolve("pool_hba.conf")).problems().isEmpty());
        var passwd = PoolPasswdFile.load(inst.resolve("pool_passwd"));
        assertTrue(passwd.problems().isEmpty(), passwd.problems().toString());
        var pcp = PcpConfFile.load(inst.resolve("pcp.conf"));
        assertTrue(pcp.problems().isEmpty(), pcp.problems().toString());
        PcpUsers users = pcp.users();
        assertTrue(users.authenticate(Credentials.ADMIN_USER, credentials.adminPassword()));
        assertFalse(users.authenticate(Credentials.ADMIN_USER, credentials.postgresPassword()));
        assertEquals("*:*:admin:" + credentials.adminPassword() + "\n", read(layout.pcppass()));
    }

    @Test
    void passwordFilesAreReadableByTheirOwnerOnly() throws IOException {
        for (Path p : List.of(layout.pgpass(), layout.pcppass(), layout.instanceDir(0).resolve("pool_passwd"),
                layout.instanceDir(0).resolve("pcp.conf"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
    }

    @Test
    void theSimulatedDelegateIpCommandsOnlyLogThroughTheCommandRunner() {
        Config c = ConfigLoader.load(layout.pgpoolConf(2)).orThrow();
        CommandRunner runner = new CommandRunner();
        CommandResult up = runner.run(CommandTemplate.of("if_up_cmd", c.get(Params.IF_UP_CMD)),
                Placeholders.delegateIp(c.get(Params.DELEGATE_IP)), Duration.ofSeconds(10));
        assertTrue(up.succeeded(), up.toString());
        // A value is one argument, never shell code: an IP with metacharacters is logged as it is.
        Path marker = tmp.resolve("marker");
        CommandResult odd = runner.run(CommandTemplate.of("if_down_cmd", c.get(Params.IF_DOWN_CMD)),
                Placeholders.delegateIp("192.0.2.10;touch " + marker), Duration.ofSeconds(10));
        assertTrue(odd.succeeded(), odd.toString());
        List<String> lines = read(layout.vipLog()).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("instance 2: up 192.0.2.10"), lines.get(0));
        assertTrue(lines.get(1).endsWith("instance 2: down 192.0.2.10;touch " + marker), lines.get(1));
        assertFalse(Files.exists(marker));
    }

    @Test
    void everyScriptIsValidShell() throws Exception {
        List<Path> scripts = new ArrayList<>(List.of(layout.startall(), layout.shutdownall(), layout.envFile()));
        try (Stream<Path> s = Files.list(layout.scriptsDir())) {
            s.forEach(scripts::add);
        }
        assertEquals(7, scripts.size(), scripts.toString());
        for (Path script : scripts) {
            Process p = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), script + ": " + output);
        }
    }

    @Test
    void theScriptsRefuseToRunAsAnotherUser() throws Exception {
        Path common = layout.scriptsDir().resolve("sandbox.sh");
        String text = read(common).replaceFirst("SETUP_UID=\\d+", "SETUP_UID=4242");
        Files.writeString(common, text);
        Process p = new ProcessBuilder(layout.startall().toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(1, p.waitFor(), output);
        assertTrue(output.contains("run this as the user who ran raftpool setup (uid 4242)"), output);
    }

    @Test
    void aNonEmptyDirectoryIsRefused() {
        SetupException e = assertThrows(SetupException.class, () -> Sandbox.checkDirectory(layout.root()));
        assertTrue(e.getMessage().startsWith(layout.root() + " is not empty"), e.getMessage());
        Sandbox.checkDirectory(tmp.resolve("new"));
    }

    @Test
    void aPathTheShellWouldSplitIsRefused() {
        SetupException e = assertThrows(SetupException.class, () -> Sandbox.checkDirectory(tmp.resolve("my sandbox")));
        assertTrue(e.getMessage().contains("has a space or a character the shell treats specially"), e.getMessage());
    }

    @Test
    void portsInUseAreNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            SandboxLayout around = new SandboxLayout(tmp.resolve("x"), 1, 1, port - 2);
            SetupException e = assertThrows(SetupException.class, () -> Sandbox.checkPorts(around));
            assertTrue(e.getMessage().matches(".*but \\[.*\\b" + port + "\\b.*\\] are in use.*"), e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
