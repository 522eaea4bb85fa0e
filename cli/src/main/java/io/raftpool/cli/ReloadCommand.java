package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import picocli.CommandLine.Command;

/** {@code raftpool reload}: re-reads the configuration files, as pcp_reload_config does. */
@Command(name = "reload", description = {"Make raftpool re-read its configuration files (pcp_reload_config).",
    "With -v, also print what took effect and what needs a restart."})
final class ReloadCommand extends AdminActionCommand {

    @Override
    String pcpName() {
        return "pcp_reload_config";
    }

    @Override
    String act(AdminClient client) {
        return client.reloadConfig();
    }
}
