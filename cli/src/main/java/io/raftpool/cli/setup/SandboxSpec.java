package io.raftpool.cli.setup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code raftpool setup} is asked to build.
 *
 * @param dir          the sandbox directory: absent or empty
 * @param pgNodes      PostgreSQL nodes: one primary and {@code pgNodes - 1} streaming standbys
 * @param instances    raftpool instances, one Raft group
 * @param basePort     the first of the consecutive ports the sandbox uses
 * @param pgBin        PostgreSQL's binary directory, or empty to look for one
 * @param raftpoolHome the raftpool distribution the instances run ({@code bin/raftpool} in it)
 */
public record SandboxSpec(Path dir, int pgNodes, int instances, int basePort, Optional<Path> pgBin,
        Path raftpoolHome) {

    /** The most of either kind a sandbox may have: ports and processes add up fast on one machine. */
    public static final int MAX_NODES = 16;

    public SandboxSpec {
        if (pgNodes < 1 || pgNodes > MAX_NODES) {
            throw new SetupException("the number of PostgreSQL nodes must be 1 to " + MAX_NODES + ", not " + pgNodes);
        }
        if (instances < 1 || instances > MAX_NODES) {
            throw new SetupException("the number of raftpool instances must be 1 to " + MAX_NODES + ", not "
                    + instances);
        }
        int last = basePort + instances * SandboxLayout.PORTS_PER_INSTANCE + pgNodes - 1;
        if (basePort < 1024 || last > 65535) {
            throw new SetupException("the ports " + basePort + ".." + last + " do not fit in 1024..65535; choose "
                    + "another base port with -p");
        }
        dir = dir.toAbsolutePath().normalize();
    }
}
