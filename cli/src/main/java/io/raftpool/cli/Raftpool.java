package io.raftpool.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code raftpool} command. */
@Command(name = "raftpool",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A PostgreSQL high-availability proxy compatible with Pgpool-II, with a Raft watchdog.",
        subcommands = {StartCommand.class, CheckConfigCommand.class, SetupCommand.class, NodeCountCommand.class,
            NodeInfoCommand.class, AttachNodeCommand.class, DetachNodeCommand.class, PromoteNodeCommand.class,
            RecoveryNodeCommand.class, ReloadCommand.class, StopCommand.class, ProcInfoCommand.class,
            HealthCheckStatsCommand.class, WatchdogInfoCommand.class, WatchCommand.class,
            AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class})
public final class Raftpool implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, for main and for tests. */
    public static CommandLine commandLine() {
        return new CommandLine(new Raftpool()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
