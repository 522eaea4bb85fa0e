package io.raftpool.cli;

import picocli.CommandLine;

/** The version recorded in the jar's manifest at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Raftpool.class.getPackage().getImplementationVersion();
        return new String[] {"raftpool " + (v == null ? "(development build)" : v),
            "compatible with Pgpool-II 4.3 configuration files"};
    }
}
