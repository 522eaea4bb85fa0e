package io.raftpool.conf.command;

import java.time.Duration;

/**
 * How a command ended.
 *
 * @param name        what the command was ("failover_command")
 * @param displayLine the command line that ran, as an operator would read it
 * @param exitCode    its exit status; -1 when it could not be started or was killed on timeout
 * @param timedOut    true when it ran past its timeout and was killed
 * @param stdout      the tail of what it printed on standard output
 * @param stderr      the tail of what it printed on standard error, or why it could not be started
 * @param elapsed     how long it ran
 */
public record CommandResult(String name, String displayLine, int exitCode, boolean timedOut, String stdout,
        String stderr, Duration elapsed) {

    /** True when it ran to the end and exited 0. */
    public boolean succeeded() {
        return exitCode == 0 && !timedOut;
    }

    /** One line for logs and error messages: "failover_command exited with status 3 after 0.2 s". */
    public String summary() {
        String how = timedOut ? "was killed after its timeout of " : exitCode == -1 ? "could not run: " + stderr
                : "exited with status " + exitCode + " after ";
        if (exitCode == -1 && !timedOut) {
            return name + " " + how;
        }
        return name + " " + how + String.format("%.1f s", elapsed.toMillis() / 1000.0);
    }
}
