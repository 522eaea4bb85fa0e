package io.raftpool.conf.passwd;

import java.util.List;
import java.util.Optional;

import io.raftpool.conf.ConfigException;
import io.raftpool.conf.ConfigProblem;

/**
 * The outcome of reading a pool key file.
 *
 * @param key      the key, or {@code null} when any problem is an error
 * @param problems every error and warning (such as a key file others can read)
 */
public record PoolKeyLoadResult(PoolKey key, List<ConfigProblem> problems) {

    public PoolKeyLoadResult {
        problems = List.copyOf(problems);
    }

    /** Whether the key was read. */
    public boolean ok() {
        return key != null;
    }

    /** The key, if it was read. */
    public Optional<PoolKey> keyIfOk() {
        return Optional.ofNullable(key);
    }

    /** The key, or an exception listing every error. */
    public PoolKey orThrow() {
        if (key == null) {
            throw new ConfigException(problems.stream().filter(ConfigProblem::isError).toList());
        }
        return key;
    }
}
