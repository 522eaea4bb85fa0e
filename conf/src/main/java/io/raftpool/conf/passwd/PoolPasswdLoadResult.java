package io.raftpool.conf.passwd;

import java.util.List;
import java.util.Optional;

import io.raftpool.conf.ConfigException;
import io.raftpool.conf.ConfigProblem;

/**
 * The outcome of reading pool_passwd.
 *
 * @param passwd   the users, or {@code null} when any problem is an error
 * @param problems every error and warning, in file order
 */
public record PoolPasswdLoadResult(PoolPasswd passwd, List<ConfigProblem> problems) {

    public PoolPasswdLoadResult {
        problems = List.copyOf(problems);
    }

    /** Whether the file had no errors (warnings allowed). */
    public boolean ok() {
        return passwd != null;
    }

    /** The users, if the file had no errors. */
    public Optional<PoolPasswd> passwdIfOk() {
        return Optional.ofNullable(passwd);
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
    public PoolPasswd orThrow() {
        if (passwd == null) {
            throw new ConfigException(errors());
        }
        return passwd;
    }
}
