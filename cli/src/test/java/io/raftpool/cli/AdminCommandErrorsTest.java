package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What the subcommands say when they cannot do their call, and their shared options. */
class AdminCommandErrorsTest extends AdminCommandTestBase {

    @Test
    void aWrongPasswordIsAnAuthenticationError() throws IOException {
        raftpool.writePcpPass("*:*:admin:wrong-one\n");
        assertEquals(1, raftpool.run("node-count"));
        assertEquals("", raftpool.out);
        assertEquals("ERROR: authentication failed for user \"admin\": user name and/or password does not match\n",
                raftpool.err);
        assertFalse(raftpool.err.contains("wrong-one"));
        assertEquals(List.of(), raftpool.admin.calls);
    }

    @Test
    void anAuthenticationErrorInJson() throws IOException {
        raftpool.writePcpPass("*:*:admin:wrong-one\n");
        assertEquals(1, raftpool.run("node-info", "--json"));
        assertEquals("{\"ok\":false,\"error\":{\"reason\":\"authentication_failed\",\"message\":\"authentication failed"
                + " for user \\\"admin\\\": user name and/or password does not match\"}}\n", raftpool.out);
    }

    @Test
    void noMatchingLineWithNoPasswordFailsBeforeConnecting() throws IOException {
        raftpool.writePcpPass("otherhost:*:admin:x\n127.0.0.1:1:admin:x\n127.0.0.1:*:root:x\n");
        assertEquals(1, raftpool.run("node-count"));
        assertEquals("ERROR: no password for user \"admin\" on 127.0.0.1:" + raftpool.port() + " in " + raftpool.pcppass
                + ", and -w forbids asking for one\n", raftpool.err);
        assertEquals(List.of(), raftpool.admin.calls);
    }

    @Test
    void aPasswordFileOthersCanReadIsIgnoredWithAWarning() throws IOException {
        Files.setPosixFilePermissions(raftpool.pcppass, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(1, raftpool.run("node-count"));
        assertTrue(raftpool.err.startsWith("WARNING: password file \"" + raftpool.pcppass + "\" has group or world"
                + " access; permissions should be u=rw (0600) or less; it is ignored\nERROR: no password for user"),
                raftpool.err);
    }

    @Test
    void forcingAPromptWithoutATerminalFails() {
        assertEquals(1, raftpool.runExactly("node-count", "-W", "-h", "127.0.0.1", "-p", "" + raftpool.port(), "-U",
                "admin", "--pcppass-file", raftpool.pcppass.toString()));
        assertEquals("ERROR: no password for user \"admin\" on 127.0.0.1:" + raftpool.port()
                + ", and no terminal to ask for one\n", raftpool.err);
    }

    @Test
    void nothingListeningIsConnectionRefused() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        raftpool.writePcpPass("*:*:*:whatever\n");
        assertEquals(1, raftpool.runExactly("node-count", "-h", "127.0.0.1", "-p", "" + closedPort, "-w",
                "--pcppass-file", raftpool.pcppass.toString()));
        assertEquals("ERROR: connection to 127.0.0.1:" + closedPort + " refused: is raftpool running?\n", raftpool.err);
    }

    @Test
    void noAnswerWithinTheTimeoutIsAnError() {
        raftpool.admin.pending = new CompletableFuture<>();
        assertEquals(1, raftpool.run("reload", "--timeout", "1"));
        assertEquals("ERROR: no answer from 127.0.0.1:" + raftpool.port() + " within 1 s\n", raftpool.err);
    }

    @Test
    void anInvalidPortIsAUsageError() {
        assertEquals(2, raftpool.runExactly("node-count", "-p", "70000", "-w"));
        assertTrue(raftpool.err.startsWith("invalid port number \"70000\": it must be between 1 and 65535\n"),
                raftpool.err);
    }

    @Test
    void helpIsDashDashHelpBecauseDashHIsTheHost() {
        assertEquals(0, raftpool.runExactly("node-info", "--help"));
        assertTrue(raftpool.out.startsWith("Usage: raftpool node-info "), raftpool.out);
        assertTrue(raftpool.out.contains("-h, --host=HOSTNAME"), raftpool.out);
        assertTrue(raftpool.out.contains("-?, --help"), raftpool.out);
        assertFalse(raftpool.out.contains("pcppass-file"), "the test-only option is hidden");
        assertEquals(2, raftpool.runExactly("node-info", "-h"));
        assertTrue(raftpool.err.startsWith("Missing required parameter for option '--host'"), raftpool.err);
    }

    @Test
    void thePasswordIsNeverAnArgument() {
        assertEquals(2, raftpool.runExactly("node-count", "--password=secret"));
        assertEquals(2, raftpool.runExactly("node-count", "-W", "secret", "extra"));
    }

    @Test
    void theTopLevelHelpListsTheAdminSubcommands() {
        assertEquals(0, raftpool.runExactly("--help"));
        for (String name : List.of("node-count", "node-info", "attach-node", "detach-node", "promote-node",
                "recovery-node", "reload", "stop", "proc-info", "health-check-stats")) {
            assertTrue(raftpool.out.contains("  " + name + " "), name + " missing from\n" + raftpool.out);
        }
    }
}
