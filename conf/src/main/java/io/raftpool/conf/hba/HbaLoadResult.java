package io.raftpool.conf.hba;

import java.util.List;
import java.util.Optional;

import io.raftpool.conf.ConfigException;
import io.raftpool.conf.ConfigProblem;

/**
 * The outcome of reading pool_hba.conf: the rules when there were no errors, and every error and warning.
 *
 * @param rules    the rules, or {@code null} when any problem is an error
 * @param problems every error and warning, in file order
 */
public record HbaLoadResult(HbaRules rules, List<ConfigProblem> problems) {

    public HbaLoadResult {
        problems = List.copyOf(problems);
    }

    /** Whether the file had no errors (warnings allowed). */
    public boolean ok() {
        return rules != null;
    }

    /** The rules, if the file had no errors. */
    public Optional<HbaRules> rulesIfOk() {
        return Optional.ofNullable(rules);
    }

    /** The errors only. */
    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    /** The warnings only. */
    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The rules, or an exception listing every error. */
    public HbaRules orThrow() {
        if (rules == null) {
            throw new ConfigException(errors());
        }
        return rules;
    }
}
