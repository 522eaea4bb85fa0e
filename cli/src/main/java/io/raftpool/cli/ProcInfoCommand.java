package io.raftpool.cli;

import io.raftpool.watchdog.admin.AdminClient;
import io.raftpool.watchdog.admin.ProcessInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code raftpool proc-info}: the client sessions, in pcp_proc_info's form. */
@Command(name = "proc-info", description = {"Display the client sessions (pcp_proc_info).",
    "Each line: database, user, start time, session id, load-balance node, application name, status."})
final class ProcInfoCommand extends AdminCommand {

    @Override
    void run(AdminClient client, PrintWriter out) {
        List<ProcessInfo> processes = client.procInfo();
        if (options.json) {
            Map<String, Object> document = AdminJson.ok();
            document.put("processes", processes.stream().map(AdminJson::process).toList());
            printJson(out, document);
        } else if (processes.isEmpty()) {
            out.print(PcpText.NO_PROCESS_INFORMATION);
        } else {
            processes.forEach(p -> out.print(PcpText.process(p, options.verbose)));
        }
    }
}
