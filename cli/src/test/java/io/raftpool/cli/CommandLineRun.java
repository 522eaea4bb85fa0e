package io.raftpool.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the raftpool command line in this JVM, its output and errors going to the given writers. */
final class CommandLineRun {

    private CommandLineRun() {
    }

    /** Runs {@code raftpool args...}; returns the exit status. */
    static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cl = Raftpool.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }
}
