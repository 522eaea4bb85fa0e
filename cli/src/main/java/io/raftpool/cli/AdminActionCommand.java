package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import java.io.PrintWriter;
import java.util.Map;

/**
 * An admin subcommand that acts rather than shows: it prints what the pcp tool prints on success,
 * "pcp_xxx -- Command Successful", then with -v what raftpool said it did.
 */
abstract class AdminActionCommand extends AdminCommand {

    /** The pcp tool this subcommand stands for, named in the success line. */
    abstract String pcpName();

    /** Makes the call; returns what raftpool says it did. */
    abstract String act(AdminClient client);

    @Override
    final void run(AdminClient client, PrintWriter out) {
        String message = act(client);
        if (options.json) {
            Map<String, Object> document = AdminJson.ok();
            document.put("message", message);
            printJson(out, document);
            return;
        }
        out.print(PcpText.commandSuccessful(pcpName()));
        if (options.verbose && !message.isEmpty()) {
            out.println(message);
        }
    }
}
