package io.raftpool.conf;

import java.util.Set;

/**
 * A backend as pgpool.conf declares it ({@code backend_hostnameN} and friends).
 *
 * @param id              the node id N
 * @param hostname        host name, IP address or Unix socket directory
 * @param port            port
 * @param weight          load-balancing weight, unnormalised
 * @param dataDirectory   data directory, for recovery scripts
 * @param applicationName application_name the node streams under, for replication state
 * @param flags           failover flags
 */
public record BackendConfig(int id, String hostname, int port, double weight, String dataDirectory,
        String applicationName, Set<BackendFlag> flags) {

    public BackendConfig {
        flags = Set.copyOf(flags);
    }

    /** False when {@code DISALLOW_TO_FAILOVER} is set. */
    public boolean allowsFailover() {
        return !flags.contains(BackendFlag.DISALLOW_TO_FAILOVER);
    }

    public boolean isAlwaysPrimary() {
        return flags.contains(BackendFlag.ALWAYS_PRIMARY);
    }
}
