package io.raftpool.conf.pcp;

import java.util.List;
import java.util.Optional;

import io.raftpool.conf.ConfigException;
import io.raftpool.conf.ConfigProblem;

/**
 * The outcome of reading pcp.conf.
 *
 * @param users    the PCP users, or {@code null} when any problem is an error
 * @param problems every error and warning, in file order
 */
public record PcpConfLoadResult(PcpUsers users, List<ConfigProblem> problems) {

    public PcpConfLoadResult {
        problems = List.copyOf(problems);
    }

    /** Whether the file had no errors (warnings allowed). */
    public boolean ok() {
        return users != null;
    }

    /** The users, if the file had no errors. */
    public Optional<PcpUsers> usersIfOk() {
        return Optional.ofNullable(users);
    }

    /** The errors only. */
    public List<ConfigProblem> errors() {
        return problems.stream().filter(ConfigProblem::isError).toList();
    }

    /** The warnings only. */
    public List<ConfigProblem> warnings() {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** The users, or an exception listing every error. */
    public PcpUsers orThrow() {
        if (users == null) {
            throw new ConfigException(errors());
        }
        return users;
    }
}
