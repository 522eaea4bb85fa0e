package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import io.raftpool.watchdog.admin.ClusterAdmin.StopMode;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raftpool stop [-m smart|fast|immediate]}: stops raftpool, as pcp_stop_pgpool does. */
@Command(name = "stop", description = "Stop raftpool (pcp_stop_pgpool).")
final class StopCommand extends AdminActionCommand {

    @Option(names = {"-m", "--mode"}, paramLabel = "MODE", defaultValue = "smart",
            description = "smart (wait for the clients to disconnect), fast (disconnect them) or immediate; "
                    + "s, f and i for short (default: ${DEFAULT-VALUE})")
    String mode;

    @Override
    void validate() {
        stopMode();
    }

    /** A smart stop waits for the clients. */
    @Override
    Duration defaultTimeout() {
        return Duration.ofMinutes(5);
    }

    @Override
    String pcpName() {
        return "pcp_stop_pgpool";
    }

    @Override
    String act(AdminClient client) {
        return client.stopPgpool(stopMode());
    }

    private StopMode stopMode() {
        return switch (mode) {
            case "s", "smart" -> StopMode.SMART;
            case "f", "fast" -> StopMode.FAST;
            case "i", "immediate" -> StopMode.IMMEDIATE;
            default -> throw new CommandLine.ParameterException(spec.commandLine(), "invalid shutdown mode \""
                    + mode + "\": it must be smart, fast or immediate");
        };
    }
}
