package io.raftpool.conf.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real scripts through the runner. */
class CommandRunnerTest {

    @TempDir
    Path dir;

    private final CommandRunner runner = new CommandRunner();

    private Path script(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    @Test
    void hostileValuesReachTheScriptVerbatimAndAreNeverExecuted() throws IOException {
        Path args = dir.resolve("args");
        Path pwned = dir.resolve("pwned");
        Path s = script("failover.sh", "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > " + args);
        String hostile = "db1; touch " + pwned + " $(touch " + pwned + ") `touch " + pwned + "` ' \" \\";
        Placeholders p = Placeholders.builder().percent('d', 1).percent('h', hostile).percent('D', "/data dir").build();
        CommandResult r = runner.run(CommandTemplate.of("failover_command", s + " %d '%h' %D"), p,
                Duration.ofSeconds(10));
        assertTrue(r.succeeded(), r.summary() + r.stderr());
        assertEquals(List.of("1", hostile, "/data dir"), Files.readAllLines(args));
        assertFalse(Files.exists(pwned));
    }

    @Test
    void shellSyntaxOfTheTemplateItselfWorks() throws IOException {
        Path log = dir.resolve("log");
        CommandResult r = runner.run(CommandTemplate.of("failover_command",
                "echo failed %d >> " + log + " && echo second %h | tr a-z A-Z >> " + log),
                Placeholders.builder().percent('d', 3).percent('h', "db").build(), Duration.ofSeconds(10));
        assertTrue(r.succeeded());
        assertEquals(List.of("failed 3", "SECOND DB"), Files.readAllLines(log));
    }

    @Test
    void exitStatusAndOutputAreReturned() throws IOException {
        Path s = script("fail.sh", "echo to-stdout", "echo to-stderr >&2", "exit 3");
        CommandResult r = runner.run(CommandTemplate.of("follow_primary_command", s.toString()), Placeholders.NONE,
                Duration.ofSeconds(10));
        assertFalse(r.succeeded());
        assertEquals(3, r.exitCode());
        assertFalse(r.timedOut());
        assertEquals("to-stdout\n", r.stdout());
        assertEquals("to-stderr\n", r.stderr());
        assertTrue(r.summary().startsWith("follow_primary_command exited with status 3 after "), r.summary());
    }

    @Test
    void aMissingProgramIsAFailureNotAnException() {
        CommandResult r = runner.run(CommandTemplate.of("if_up_cmd", dir.resolve("no-such-program") + " $_IP_$"),
                Placeholders.delegateIp("10.0.0.1"), Duration.ofSeconds(10));
        assertEquals(127, r.exitCode());
        assertTrue(r.stderr().contains("not found"), r.stderr());
    }

    @Test
    void timeoutKillsTheCommandAndEverythingItStarted() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Path s = script("hang.sh", "sleep 60 &", "echo $! > " + pidFile, "wait");
        CommandResult r = runner.run(CommandTemplate.of("failover_command", s.toString()), Placeholders.NONE,
                Duration.ofMillis(500));
        assertTrue(r.timedOut());
        assertFalse(r.succeeded());
        assertTrue(r.summary().startsWith("failover_command was killed after its timeout"), r.summary());
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(childPid).ifPresent(child -> assertTrue(
                child.onExit().completeOnTimeout(null, 10, TimeUnit.SECONDS).join() != null,
                "the script's child process " + childPid + " is still alive"));
    }

    @Test
    void largeOutputKeepsTheTail() throws IOException {
        Path s = script("chatty.sh", "i=0; while [ $i -lt 20000 ]; do echo line-$i; i=$((i+1)); done");
        CommandResult r = runner.run(CommandTemplate.of("x", s.toString()), Placeholders.NONE, Duration.ofSeconds(30));
        assertTrue(r.succeeded());
        assertTrue(r.stdout().startsWith("[... "), r.stdout().substring(0, 40));
        assertTrue(r.stdout().endsWith("line-19999\n"));
        assertTrue(r.stdout().length() < CommandRunner.MAX_CAPTURED_BYTES + 100);
    }

    @Test
    void asyncRunCompletesWithTheResult() throws Exception {
        CommandResult r = runner.runAsync(CommandTemplate.of("x", "exit 4").prepare(Placeholders.NONE),
                Duration.ofSeconds(10)).get(20, TimeUnit.SECONDS);
        assertEquals(4, r.exitCode());
    }

    @Test
    void aQuietRunnerLogsSuccessAtDebugAndFailureAtWarn() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(CommandRunner.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
                new ch.qos.logback.core.read.ListAppender<>();
        events.start();
        logger.addAppender(events);
        try {
            CommandRunner quiet = runner.quiet();
            assertTrue(quiet.run(CommandTemplate.of("trusted_server_command", "true %h"),
                    Placeholders.builder().percent('h', "db1").build(), Duration.ofSeconds(10)).succeeded());
            assertTrue(events.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(
                    ch.qos.logback.classic.Level.INFO)), events.list.toString());
            assertFalse(quiet.run(CommandTemplate.of("trusted_server_command", "false %h"),
                    Placeholders.builder().percent('h', "db1").build(), Duration.ofSeconds(10)).succeeded());
            assertTrue(events.list.stream().anyMatch(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN
                    && e.getFormattedMessage().contains("trusted_server_command")), events.list.toString());
        } finally {
            logger.detachAppender(events);
        }
    }
}
