package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckConfigCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLineRun.run(out, err, args);
    }

    private Path conf(String text) throws IOException {
        return Files.writeString(dir.resolve("pgpool.conf"), text);
    }

    @Test
    void printsEveryValueWithItsOrigin() throws IOException {
        Path f = conf("port = 9000\nfailover_command = '/etc/pgpool2/failover.sh %d %h'\nsr_check_password = 'pw'\n");
        assertEquals(0, run("check-config", "-f", f.toString()));
        String text = out.toString();
        assertTrue(text.matches("(?s).*\\nport = 9000 +# " + f + ":1\\n.*"), text);
        assertTrue(text.matches("(?s).*\\nfailover_command = '/etc/pgpool2/failover.sh %d %h' +# " + f + ":2\\n.*"),
                text);
        assertTrue(text.matches("(?s).*\\npcp_port = 9898 +# default\\n.*"), text);
        assertTrue(text.contains("sr_check_password = '********'"), text);
        assertTrue(!text.contains("pw'") && !err.toString().contains("pw'"), "the password leaked");
    }

    @Test
    void changedOnlyPrintsWhatTheFileSets() throws IOException {
        Path f = conf("port = 9000\nbackend_hostname0 = 'db0'\n");
        assertEquals(0, run("check-config", "-f", f.toString(), "--changed"));
        assertEquals(2, out.toString().lines().count(), out.toString());
    }

    @Test
    void errorsGoToStderrWithExitStatusOne() throws IOException {
        Path f = conf("port = 9000\nlisen_addresses = '*'\nmax_pool = -1\n");
        assertEquals(1, run("check-config", "-f", f.toString()));
        assertEquals("", out.toString());
        assertTrue(err.toString().contains(f + ":2: ERROR: parameter \"lisen_addresses\": unrecognized configuration "
                + "parameter (did you mean \"listen_addresses\"?)"), err.toString());
        assertTrue(err.toString().contains(f + ":3: ERROR: parameter \"max_pool\": -1 is out of range"), err.toString());
        assertTrue(err.toString().contains(f + ": 2 errors, 0 warnings"), err.toString());
    }

    @Test
    void missingFileIsAClearError() {
        assertEquals(1, run("check-config", "-f", dir.resolve("absent.conf").toString()));
        assertTrue(err.toString().contains("absent.conf\" does not exist"), err.toString());
    }

    @Test
    void helpListsTheSubcommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("check-config"), out.toString());
    }
}
