package io.raftpool.cli;

import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.ConfigProblem;
import io.raftpool.conf.LoadResult;
import io.raftpool.conf.Setting;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raftpool check-config}: prints the effective configuration, or every error in it. */
@Command(name = "check-config",
        mixinStandardHelpOptions = true,
        description = {
            "Reads pgpool.conf (and what it includes, and pgpool_node_id beside it) and prints the effective "
                    + "configuration, each value with its origin, or every error found.",
            "Exits 0 when the configuration can be used, 1 when it has errors."})
final class CheckConfigCommand implements Callable<Integer> {

    /** Origins line up in a column unless a value is longer than this. */
    private static final int MAX_ALIGN = 56;

    @Option(names = {"-f", "--config-file"}, paramLabel = "CONFIG_FILE", defaultValue = "/etc/pgpool2/pgpool.conf",
            description = "pgpool.conf to check (default: ${DEFAULT-VALUE})")
    Path configFile;

    @Option(names = "--changed", description = "print only the values the files set, not the defaults")
    boolean changedOnly;

    @Option(names = {"-q", "--quiet"}, description = "print only errors and warnings")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(configFile)) {
            err.println("raftpool: configuration file \"" + configFile + "\" does not exist or is not a file");
            return 1;
        }
        LoadResult result = ConfigLoader.load(configFile);
        result.problems().forEach(p -> err.println(p));
        if (!result.ok()) {
            err.println(configFile + ": " + count(result.errors(), "error") + ", "
                    + count(result.warnings(), "warning"));
            return 1;
        }
        if (!quiet) {
            print(result.config(), out);
        }
        out.flush();
        err.flush();
        return 0;
    }

    private void print(Config config, PrintWriter out) {
        List<Setting> settings = config.effective().stream()
                .filter(s -> !changedOnly || !s.origin().isDefault()).toList();
        int width = Math.min(MAX_ALIGN, settings.stream()
                .mapToInt(s -> s.name().length() + quote(s.display()).length() + 3).max().orElse(0));
        for (Setting s : settings) {
            String line = s.name() + " = " + quote(s.display());
            out.println(line + " ".repeat(Math.max(1, width - line.length() + 2)) + "# " + s.origin());
        }
        if (config.hasNodeIdFile()) {
            out.println("# pgpool_node_id = " + config.nodeId());
        }
    }

    /** Writes a value as pgpool.conf would: bare when it is a plain number or word, else quoted. */
    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_.+-]+")) {
            return value;
        }
        return "'" + value.replace("'", "''") + "'";
    }

    private static String count(List<ConfigProblem> problems, String what) {
        return problems.size() + " " + what + (problems.size() == 1 ? "" : "s");
    }
}
