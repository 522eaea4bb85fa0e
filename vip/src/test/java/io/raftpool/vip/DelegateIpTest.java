package io.raftpool.vip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.command.CommandRunner;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Brings a delegate IP up and down with real scripts that record how they were called. */
class DelegateIpTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final CommandRunner runner = new CommandRunner();

    /** A script that appends its name and arguments, one line per call, to {@code calls}. */
    private Path recorder(String name, int exitStatus) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n"
                + "echo \"" + name + " $*\" >> " + dir.resolve("calls") + "\n"
                + "echo \"" + name + " says hello\"\n"
                + "exit " + exitStatus + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private Config config(String... lines) throws IOException {
        Path conf = dir.resolve("pgpool.conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return ConfigLoader.load(conf).orThrow();
    }

    private DelegateIp delegateIp(String... lines) throws IOException {
        return new DelegateIp(config(lines), runner, TIMEOUT);
    }

    /** Failed, because its last command exited with {@code status}; the summary says so. */
    private static void assertFailed(DelegateIp.Result r, String command, int status) {
        assertFalse(r.succeeded(), r.summary());
        assertEquals(status, r.commands().get(r.commands().size() - 1).exitCode());
        assertTrue(r.summary().contains(command + " exited with status " + status), r.summary());
    }

    /** if_up_cmd and arping_cmd are recorders exiting with these statuses. */
    private DelegateIp upAndArping(int upStatus, int arpingStatus) throws IOException {
        return delegateIp("delegate_IP = '10.9.8.7'", "if_up_cmd = '" + recorder("up.sh", upStatus) + " $_IP_$'",
                "arping_cmd = '" + recorder("arping.sh", arpingStatus) + " $_IP_$'");
    }

    @Test
    void upRunsIfUpCmdThenArpingWithTheAddressSubstituted() throws IOException {
        Path up = recorder("up.sh", 0);
        Path arping = recorder("arping.sh", 0);
        DelegateIp vip = delegateIp("delegate_IP = '10.9.8.7'",
                "if_up_cmd = '" + up + " addr add $_IP_$/24 dev eth0 label eth0:0'",
                "arping_cmd = '" + arping + " -U $_IP_$ -w 1'");

        assertTrue(vip.configured());
        assertEquals("10.9.8.7", vip.address());
        DelegateIp.Result r = vip.up();

        assertTrue(r.succeeded(), r.summary());
        assertEquals(List.of("up.sh addr add 10.9.8.7/24 dev eth0 label eth0:0", "arping.sh -U 10.9.8.7 -w 1"),
                calls());
        assertEquals(2, r.commands().size());
        assertEquals("if_up_cmd", r.commands().get(0).name());
        assertEquals("up.sh says hello\n", r.commands().get(0).stdout());
    }

    @Test
    void downRunsIfDownCmdOnly() throws IOException {
        Path down = recorder("down.sh", 0);
        Path arping = recorder("arping.sh", 0);
        DelegateIp vip = delegateIp("delegate_IP = '10.9.8.7'", "if_down_cmd = '" + down + " del $_IP_$/24'",
                "arping_cmd = '" + arping + " $_IP_$'");

        DelegateIp.Result r = vip.down();

        assertTrue(r.succeeded(), r.summary());
        assertEquals(List.of("down.sh del 10.9.8.7/24"), calls());
    }

    @Test
    void aProgramWithoutLeadingSlashIsLookedUpInIfCmdPathAndArpingPath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("if bin"));
        Path arpingBin = Files.createDirectories(dir.resolve("arping-bin"));
        Files.move(recorder("ip", 0), bin.resolve("ip"));
        Files.move(recorder("arping", 0), arpingBin.resolve("arping"));
        // A program of the same name on PATH or in the working directory must not be used instead.
        DelegateIp vip = delegateIp("delegate_IP = '10.9.8.7'",
                "if_cmd_path = '" + bin + "'", "if_up_cmd = '  ip addr add $_IP_$/24'",
                "if_down_cmd = 'ip addr del $_IP_$/24'",
                "arping_path = '" + arpingBin + "'", "arping_cmd = 'arping -U $_IP_$'");

        assertTrue(vip.up().succeeded());
        assertTrue(vip.down().succeeded());

        assertEquals(List.of("ip addr add 10.9.8.7/24", "arping -U 10.9.8.7", "ip addr del 10.9.8.7/24"), calls());
    }

    @Test
    void anAbsoluteProgramIgnoresIfCmdPath() throws IOException {
        Path up = recorder("up.sh", 0);
        Path arping = recorder("arping.sh", 0);
        DelegateIp vip = delegateIp("delegate_IP = '10.9.8.7'", "if_cmd_path = '" + dir.resolve("nowhere") + "'",
                "arping_path = '" + dir.resolve("nowhere") + "'",
                "if_up_cmd = '" + up + " $_IP_$'", "arping_cmd = '" + arping + " $_IP_$'");

        assertTrue(vip.up().succeeded());
        assertEquals(List.of("up.sh 10.9.8.7", "arping.sh 10.9.8.7"), calls());
    }

    @Test
    void aProgramMissingFromIfCmdPathFails() throws IOException {
        DelegateIp vip = delegateIp("delegate_IP = '10.9.8.7'", "if_cmd_path = '" + dir + "'",
                "if_up_cmd = 'no-such-ip addr add $_IP_$/24'");

        assertFailed(vip.up(), "if_up_cmd", 127);
    }

    @Test
    void percentSignsAreOrdinaryCharacters() throws IOException {
        Path up = recorder("up.sh", 0);
        Path arping = recorder("arping.sh", 0);
        DelegateIp vip = delegateIp("delegate_IP = '10.9.8.7'", "if_up_cmd = '" + up + " %h 100%% $_IP_$'",
                "arping_cmd = '" + arping + " %d'");

        assertTrue(vip.up().succeeded());
        assertEquals(List.of("up.sh %h 100%% 10.9.8.7", "arping.sh %d"), calls());
    }

    @Test
    void aFailingIfUpCmdIsReportedWithItsStatusAndOutputAndArpingDoesNotRun() throws IOException {
        DelegateIp vip = upAndArping(3, 0);

        DelegateIp.Result r = vip.up();

        assertFailed(r, "if_up_cmd", 3);
        assertEquals(List.of("up.sh 10.9.8.7"), calls());
        assertEquals(1, r.commands().size());
        assertTrue(r.summary().contains("up.sh says hello"), r.summary());
    }

    @Test
    void aFailingArpingFailsUp() throws IOException {
        DelegateIp vip = upAndArping(0, 2);

        DelegateIp.Result r = vip.up();

        assertFailed(r, "arping_cmd", 2);
        assertEquals(2, r.commands().size());
    }

    @Test
    void aFailingIfDownCmdIsReported() throws IOException {
        Path down = recorder("down.sh", 1);
        DelegateIp vip = delegateIp("delegate_IP = '10.9.8.7'", "if_down_cmd = '" + down + " $_IP_$'");

        assertFailed(vip.down(), "if_down_cmd", 1);
    }

    @Test
    void aCommandPastItsTimeoutFails() throws IOException {
        Path hang = dir.resolve("hang.sh");
        Files.writeString(hang, "#!/bin/sh\nexec sleep 60\n");
        Files.setPosixFilePermissions(hang, PosixFilePermissions.fromString("rwx------"));
        DelegateIp vip = new DelegateIp(config("delegate_IP = '10.9.8.7'", "if_down_cmd = '" + hang + "'"), runner,
                Duration.ofMillis(200));

        DelegateIp.Result r = vip.down();

        assertFalse(r.succeeded());
        assertTrue(r.commands().get(0).timedOut());
    }

    @Test
    void anEmptyCommandIsAFailure() throws IOException {
        Path up = recorder("up.sh", 0);
        DelegateIp noUp = delegateIp("delegate_IP = '10.9.8.7'", "if_up_cmd = ''");
        DelegateIp noArping = delegateIp("delegate_IP = '10.9.8.7'", "if_up_cmd = '" + up + "'", "arping_cmd = ''");

        DelegateIp.Result r = noUp.up();
        assertFalse(r.succeeded());
        assertEquals(List.of(), r.commands());
        assertTrue(r.summary().contains("if_up_cmd is empty"), r.summary());

        r = noArping.up();
        assertFalse(r.succeeded());
        assertTrue(r.summary().contains("arping_cmd is empty"), r.summary());
    }

    @Test
    void withoutDelegateIpNothingRunsAndNothingFails() throws IOException {
        Path up = recorder("up.sh", 0);
        Path down = recorder("down.sh", 0);
        DelegateIp vip = delegateIp("if_up_cmd = '" + up + " $_IP_$'", "if_down_cmd = '" + down + " $_IP_$'");

        assertFalse(vip.configured());
        assertTrue(vip.up().succeeded());
        assertTrue(vip.down().succeeded());
        assertEquals(List.of(), calls());
        assertFalse(vip.isHeldLocally());
    }

    @Test
    void loopbackIsHeldLocallyAndAnUnassignedAddressIsNot() throws IOException {
        assertTrue(delegateIp("delegate_IP = '127.0.0.1'").isHeldLocally());
        assertFalse(delegateIp("delegate_IP = '10.255.255.77'").isHeldLocally());
        assertFalse(delegateIp("delegate_IP = 'not an address'").isHeldLocally());
    }

    @Test
    void answersChecksTheAddressAndThePort() throws IOException {
        DelegateIp loopback = delegateIp("delegate_IP = '127.0.0.1'");
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertTrue(loopback.answers(Duration.ofSeconds(5)));
            assertTrue(loopback.answers(listening.getLocalPort(), Duration.ofSeconds(5)));
            int closedPort;
            try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                closedPort = other.getLocalPort();
            }
            assertFalse(loopback.answers(closedPort, Duration.ofMillis(200)));
            assertFalse(delegateIp("delegate_IP = '10.255.255.77'")
                    .answers(listening.getLocalPort(), Duration.ofMillis(200)));
        }
    }
}
