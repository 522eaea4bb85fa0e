package io.raftpool.proxy.session;

import io.raftpool.proxy.backend.BackendConnection;
import io.raftpool.proxy.protocol.GatheringWriter;
import io.raftpool.proxy.protocol.Messages;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** log_statement, log_per_node_statement and notice_per_node_statement, as the session's parameters say. */
final class StatementLog {
    private static final Logger LOG = LoggerFactory.getLogger(StatementLog.class);

    private StatementLog() {
    }

    /** Reports the statements sent to these backends: to the log, or to the client as NOTICEs through out. */
    static void report(ClientSession session, SessionParameters params, GatheringWriter out, List<String> texts,
            List<BackendConnection> targets) {
        boolean perNode = params.logPerNodeStatement() || params.noticePerNodeStatement();
        if (!perNode && !params.logStatement()) {
            return;
        }
        for (String sql : texts) {
            if (params.logStatement()) {
                LOG.info("session {}: statement: {}", session.processId(), sql);
            }
            for (int i = 0; perNode && i < targets.size(); i++) {
                BackendConnection t = targets.get(i);
                String text = "DB node id: " + t.node().id() + " backend pid: " + t.processId() + " statement: " + sql;
                if (params.logPerNodeStatement()) {
                    LOG.info("session {}: {}", session.processId(), text);
                }
                if (params.noticePerNodeStatement()) {
                    out.write(Messages.notice(session.client().alloc(), "NOTICE", "00000", text));
                }
            }
        }
    }
}
