package io.raftpool.cli;

import ch.qos.logback.classic.Level;
import io.raftpool.cli.setup.Sandbox;
import io.raftpool.cli.setup.SandboxSpec;
import io.raftpool.cli.setup.SetupException;
import io.raftpool.conf.command.CommandRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raftpool setup}: a local sandbox cluster, as Pgpool-II's pgpool_setup and watchdog_setup make. */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = {
            "Creates a local sandbox: a PostgreSQL streaming-replication cluster and several raftpool instances "
                    + "forming one Raft group, every server on 127.0.0.1, with working failover, follow-primary "
                    + "and online-recovery scripts, and startall / shutdownall scripts.",
            "Ports, passwords and how to use it are printed and written to DIR/README.port. "
                    + "The delegate IP is simulated: its commands only log to DIR/vip.log.",
            "Run as root, PostgreSQL runs as OS user postgres, which must be able to reach DIR."})
final class SetupCommand implements Callable<Integer> {

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR", defaultValue = "raftpool-sandbox",
            description = "the sandbox directory, new or empty (default: ./${DEFAULT-VALUE})")
    Path dir;

    @Option(names = {"-n", "--pg-nodes"}, paramLabel = "PG_NODES", defaultValue = "3",
            description = "PostgreSQL nodes: a primary and streaming standbys (default: ${DEFAULT-VALUE})")
    int pgNodes;

    @Option(names = {"-w", "--instances"}, paramLabel = "RAFTPOOL_INSTANCES", defaultValue = "3",
            description = "raftpool instances (default: ${DEFAULT-VALUE})")
    int instances;

    @Option(names = {"-p", "--base-port"}, paramLabel = "BASE_PORT", defaultValue = "11000",
            description = "the first port: each raftpool instance takes four (port, pcp_port, wd_port, "
                    + "heartbeat_port), then each PostgreSQL node one (default: ${DEFAULT-VALUE})")
    int basePort;

    @Option(names = "--pg-bin", paramLabel = "DIR",
            description = "PostgreSQL's binary directory (default: the newest /usr/lib/postgresql/*/bin, "
                    + "else where pg_ctl is on the PATH)")
    Path pgBin;

    @Option(names = {"-v", "--verbose"}, description = "log every PostgreSQL program setup runs, with its output")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!verbose && LoggerFactory.getLogger(CommandRunner.class) instanceof ch.qos.logback.classic.Logger l) {
            l.setLevel(Level.WARN);
        }
        try {
            Sandbox.create(new SandboxSpec(dir, pgNodes, instances, basePort, Optional.ofNullable(pgBin),
                    Sandbox.defaultHome()), out);
            return 0;
        } catch (SetupException | java.io.UncheckedIOException e) {
            out.flush();
            err.println("raftpool setup: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
