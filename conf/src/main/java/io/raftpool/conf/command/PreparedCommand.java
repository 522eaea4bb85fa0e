package io.raftpool.conf.command;

import java.util.List;

/**
 * A command ready to run: the exact argument vector, and the line it stands for, for logs.
 *
 * @param name        what the command is ("failover_command")
 * @param argv        the process's arguments: {@code /bin/sh -c <script> <name> <values...>}
 * @param displayLine the template with the values filled in, as an operator would read it
 */
public record PreparedCommand(String name, List<String> argv, String displayLine) {

    public PreparedCommand {
        argv = List.copyOf(argv);
    }

    /** A command given directly as an argument vector, with no shell in between. */
    public static PreparedCommand ofArgv(String name, List<String> argv) {
        return new PreparedCommand(name, argv, String.join(" ", argv));
    }
}
