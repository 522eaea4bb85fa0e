package io.raftpool.conf;

import java.util.List;

/**
 * The outcome of loading a configuration: the configuration when there were no errors, and every error
 * and warning found.
 *
 * @param config   the configuration, or {@code null} when any problem is an error
 * @param problems every error and warning, in file order
 */
public record LoadResult(Config config, List<ConfigProblem> problems) {

    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return config != null;
    }

    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The configuration, or an exception listing every error. */
    public Config orThrow() {
        if (config == null) {
            throw new ConfigException(errors());
        }
        return config;
    }
}
