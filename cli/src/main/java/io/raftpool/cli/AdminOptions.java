package io.raftpool.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every admin subcommand shares, named as in the pcp_* tools ({@code -h} is the host, so help is
 * {@code --help} only), and where the password comes from. The password is never an argument: it comes from
 * a {@code .pcppass} file (see {@link PcpPassFile}) or, failing that, from a prompt on the terminal.
 */
final class AdminOptions {
    /** raftpool serves the admin API on pcp_port, whose default this is. */
    static final int DEFAULT_PORT = 9898;

    @Option(names = {"-h", "--host"}, paramLabel = "HOSTNAME", defaultValue = "localhost",
            description = "raftpool host (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + DEFAULT_PORT,
            description = "raftpool's admin port, pcp_port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = {"-U", "--username"}, paramLabel = "NAME",
            description = "user name for PCP authentication, from pcp.conf (default: the OS user name)")
    String username;

    @Option(names = {"-w", "--no-password"},
            description = "never prompt for a password: fail if the .pcppass file has none")
    boolean noPassword;

    @Option(names = {"-W", "--password"}, description = "prompt for the password even if .pcppass has one")
    boolean forcePrompt;

    @Option(names = {"-v", "--verbose"}, description = "verbose output, one \"Title : value\" line per field")
    boolean verbose;

    @Option(names = "--json", description = "print one JSON document instead of text")
    boolean json;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "give up when raftpool has not answered within this many seconds")
    Long timeoutSeconds;

    @Option(names = "--pcppass-file", paramLabel = "FILE", hidden = true,
            description = "the .pcppass file to read instead of $PCPPASSFILE or ~/.pcppass")
    Path pcppassFile;

    @Option(names = {"--help", "-?"}, usageHelp = true, description = "print this help and exit")
    boolean help;

    /** The user to authenticate as: -U, else the OS user name. */
    String user() {
        return username != null ? username : System.getProperty("user.name");
    }

    /** The client's deadline for one call: --timeout, else the subcommand's own. */
    Duration timeout(Duration commandDefault) {
        return timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds) : commandDefault;
    }

    /** The .pcppass file to read. */
    Path passwordFile() {
        return pcppassFile != null ? pcppassFile : PcpPassFile.defaultFile(System.getenv());
    }

    /**
     * The password: prompted for with -W; else from the .pcppass file; else prompted for, unless -w.
     *
     * @throws AdminUsageException when there is none to be had
     */
    char[] password(PrintWriter err) {
        if (!forcePrompt) {
            Optional<char[]> fromFile = PcpPassFile.lookup(passwordFile(), host, port, user(), err);
            if (fromFile.isPresent()) {
                return fromFile.get();
            }
            if (noPassword) {
                throw new AdminUsageException("no password for user \"" + user() + "\" on " + host + ":" + port
                        + " in " + passwordFile() + ", and -w forbids asking for one");
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new AdminUsageException("no password for user \"" + user() + "\" on " + host + ":" + port
                    + (forcePrompt ? "" : " in " + passwordFile()) + ", and no terminal to ask for one");
        }
        char[] typed = console.readPassword("Password: ");
        if (typed == null) {
            throw new AdminUsageException("no password given");
        }
        return typed;
    }
}
