package io.raftpool.watchdog.lifecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.command.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** trusted_servers checked with real commands. */
class TrustedServersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final CommandRunner runner = new CommandRunner();

    private TrustedServers trusted(Duration timeout, String... lines) throws IOException {
        Path conf = dir.resolve("pgpool.conf");
        Files.write(conf, List.of(lines));
        Config config = ConfigLoader.load(conf).orThrow();
        return new TrustedServers(config, runner, timeout);
    }

    private TrustedServers trusted(String... lines) throws IOException {
        return trusted(TIMEOUT, lines);
    }

    /** A script that records its arguments, one call a line, and answers for the servers named "up*". */
    private Path pinger() throws IOException {
        Path script = dir.resolve("ping.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$*\" >> " + dir.resolve("calls") + "\n"
                + "case \"$1\" in up*) exit 0;; *) exit 1;; esac\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(dir.resolve("calls"));
    }

    @Test
    void withoutTrustedServersNothingRunsAndTheMemberIsNotIsolated() throws IOException {
        TrustedServers none = trusted("trusted_server_command = '" + pinger() + " %h'");
        assertFalse(none.configured());
        assertTrue(none.reachable());
        assertFalse(Files.exists(dir.resolve("calls")));
    }

    @Test
    void oneServerAnsweringIsEnough() throws IOException {
        TrustedServers t = trusted("trusted_servers = 'down1, up2,,down3'",
                "trusted_server_command = '" + pinger() + " %h'");
        assertEquals(List.of("down1", "up2", "down3"), t.servers());
        assertTrue(t.reachable());
        // The others may still be running: let them finish with the temporary directory.
        Members.await("every server's command to have run", TIMEOUT, () -> lines(dir.resolve("calls")) == 3);
    }

    @Test
    void noServerAnsweringMeansIsolated() throws IOException {
        TrustedServers t = trusted("trusted_servers = 'down1,down2'", "trusted_server_command = '" + pinger() + " %h'");
        assertFalse(t.reachable());
        assertEquals(List.of("down1", "down2"), calls().stream().sorted().toList());
    }

    @Test
    void trueAndFalse() throws IOException {
        assertTrue(trusted("trusted_servers = 'a,b'", "trusted_server_command = '/bin/true %h'").reachable());
        assertFalse(trusted("trusted_servers = 'a,b'", "trusted_server_command = '/bin/false %h'").reachable());
    }

    @Test
    void percentSignsFollowPgpool() throws IOException {
        TrustedServers t = trusted("trusted_servers = 'up1'",
                "trusted_server_command = '" + pinger() + " %h %d 100%% x%'");
        assertTrue(t.reachable());
        // %h is the server, %% a percent sign; %d and a trailing % are dropped.
        assertEquals(List.of("up1 100% x"), calls());
        assertEquals("ping %h  x%% %h", TrustedServers.hostPlaceholderOnly("ping %h %p x%% %h%"));
    }

    @Test
    void aServerNameIsNeverReadAsShellCode() throws IOException {
        Path pwned = dir.resolve("pwned");
        TrustedServers t = trusted("trusted_servers = 'up$(touch " + pwned + ")'",
                "trusted_server_command = '" + pinger() + " %h'");
        assertTrue(t.reachable());
        assertEquals(List.of("up$(touch " + pwned + ")"), calls());
        assertFalse(Files.exists(pwned));
    }

    @Test
    void aCommandPastTheTimeoutDoesNotAnswer() throws IOException {
        TrustedServers t = trusted(Duration.ofMillis(300), "trusted_servers = 'slow'",
                "trusted_server_command = 'exec sleep 30 # %h'");
        assertFalse(t.reachable());
    }

    @Test
    void theAnswerDoesNotWaitForASlowServerAndASlowCheckIsNotStartedTwice() throws IOException {
        Path release = dir.resolve("release");
        Path script = dir.resolve("slow.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$1\" >> " + dir.resolve("calls") + "\n"
                + "if [ \"$1\" = hang ]; then while [ ! -e " + release + " ]; do sleep 0.05; done; exit 1; fi\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        TrustedServers t = trusted("trusted_servers = 'hang,fast'", "trusted_server_command = '" + script + " %h'");
        try {
            assertTrue(t.reachable());
            assertTrue(t.reachable());
            // "hang" still runs (it waits for the release file): it was started once, "fast" twice.
            Members.await("the three runs to have started", TIMEOUT, () -> lines(dir.resolve("calls")) == 3);
            assertEquals(List.of("fast", "fast", "hang"), calls().stream().sorted().toList());
        } finally {
            Files.createFile(release);
        }
    }

    private static int lines(Path file) {
        try {
            return Files.readAllLines(file).size();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    void aTimeoutIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> trusted(Duration.ZERO, "trusted_servers = 'a'"));
    }
}
