package io.raftpool.cli;

import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A backend node id, given as {@code -n NODE_ID} or, as the pcp tools also take it, as the last argument. */
final class NodeIdOption {
    /** Pgpool-II's MAX_NUM_BACKENDS: node ids go from 0 to one less. */
    static final int MAX_NODES = 128;

    @Option(names = {"-n", "--node-id"}, paramLabel = "NODE_ID", description = "ID of a backend node")
    Integer option;

    @Parameters(arity = "0..1", paramLabel = "NODE_ID", description = "the same as -n")
    Integer argument;

    /** The node id if one was given; throws a ParameterException if it is out of range or given twice apart. */
    OptionalInt get(CommandLine commandLine) {
        if (option != null && argument != null && !option.equals(argument)) {
            throw new CommandLine.ParameterException(commandLine,
                    "two node ids given: -n " + option + " and " + argument);
        }
        Integer id = option != null ? option : argument;
        if (id == null) {
            return OptionalInt.empty();
        }
        if (id < 0 || id >= MAX_NODES) {
            throw new CommandLine.ParameterException(commandLine,
                    "invalid node id \"" + id + "\": it must be between 0 and " + (MAX_NODES - 1));
        }
        return OptionalInt.of(id);
    }

    /** The node id; throws a ParameterException if none was given. */
    int required(CommandLine commandLine) {
        return get(commandLine).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "missing node id: give it with -n NODE_ID"));
    }
}
