package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code raftpool watch [--json]}: cluster events as they happen, one line each, until interrupted. */
@Command(name = "watch", description = "Print the cluster's events as the member asked sees them (leader changes,"
        + " escalations, members lost and found, failovers), one line each, until interrupted.")
final class WatchCommand extends AdminCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    @picocli.CommandLine.Option(names = "--for", paramLabel = "SECONDS",
            description = "stop watching after this many seconds (default: until interrupted)")
    Long seconds;

    @Override
    void validate() {
        if (seconds != null && seconds <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "invalid --for \"" + seconds + "\": it must be a positive number of seconds");
        }
    }

    @Override
    void run(AdminClient client, PrintWriter out) {
        client.watch(e -> {
            if (options.json) {
                out.println(Json.write(AdminJson.event(e)));
            } else {
                out.println(TIME.format(e.at()) + " term " + e.term() + " " + e.kind() + " " + e.message());
            }
            out.flush();
        }, java.util.Optional.ofNullable(seconds).map(Duration::ofSeconds));
    }

    @Override
    Duration defaultTimeout() {
        return Duration.ofDays(365);
    }
}
