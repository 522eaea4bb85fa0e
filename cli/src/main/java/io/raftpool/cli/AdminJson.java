package io.raftpool.cli;

import io.raftpool.watchdog.admin.ClusterEvent;
import io.raftpool.watchdog.admin.HealthCheckInfo;
import io.raftpool.watchdog.admin.WatchdogInfo;
import io.raftpool.watchdog.admin.WatchdogMember;
import io.raftpool.watchdog.admin.NodeInfo;
import io.raftpool.watchdog.admin.ProcessInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/** The admin records as JSON objects, with the field names of the admin API's protobuf messages. */
final class AdminJson {

    private AdminJson() {
    }

    /** {@code {"ok": true, ...}}: the start of every successful document. */
    static Map<String, Object> ok() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        return m;
    }

    static Map<String, Object> node(NodeInfo n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("hostname", n.hostname());
        m.put("port", n.port());
        m.put("status", n.status());
        m.put("weight", n.weight());
        m.put("status_name", n.statusName());
        m.put("backend_status_name", n.backendStatusName());
        m.put("role", n.role());
        m.put("backend_role", n.backendRole());
        m.put("replication_delay", n.replicationDelay());
        m.put("replication_state", n.replicationState());
        m.put("replication_sync_state", n.replicationSyncState());
        m.put("last_status_change", n.lastStatusChange());
        return m;
    }

    static Map<String, Object> process(ProcessInfo p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("process_id", p.processId());
        m.put("database", p.database());
        m.put("user", p.user());
        m.put("start_time", p.startTime());
        m.put("status", p.status());
        m.put("load_balance_node", p.loadBalanceNode());
        m.put("application_name", p.applicationName());
        return m;
    }

    static Map<String, Object> healthCheck(HealthCheckInfo h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node_id", h.nodeId());
        m.put("hostname", h.hostname());
        m.put("port", h.port());
        m.put("status", h.status());
        m.put("role", h.role());
        m.put("last_status_change", h.lastStatusChange());
        m.put("total_count", h.totalCount());
        m.put("success_count", h.successCount());
        m.put("fail_count", h.failCount());
        m.put("skip_count", h.skipCount());
        m.put("retry_count", h.retryCount());
        m.put("average_retry_count", h.averageRetryCount());
        m.put("max_retry_count", h.maxRetryCount());
        m.put("max_duration_millis", h.maxDurationMillis());
        m.put("min_duration_millis", h.minDurationMillis());
        m.put("average_duration_millis", h.averageDurationMillis());
        m.put("last_health_check", h.lastHealthCheck());
        m.put("last_successful_health_check", h.lastSuccessfulHealthCheck());
        m.put("last_skip_health_check", h.lastSkipHealthCheck());
        m.put("last_failed_health_check", h.lastFailedHealthCheck());
        return m;
    }

    static Map<String, Object> watchdog(WatchdogInfo w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_nodes", w.totalNodes());
        m.put("remote_nodes", w.remoteNodes());
        m.put("member_remote_nodes", w.memberRemoteNodes());
        m.put("alive_remote_nodes", w.aliveRemoteNodes());
        m.put("nodes_required_for_quorum", w.nodesRequiredForQuorum());
        m.put("quorum_status", w.quorumStatus());
        m.put("quorum_state", w.quorumState());
        m.put("quorum_nodes", w.quorumNodes());
        m.put("local_escalated", w.localEscalated());
        m.put("leader_node_name", w.leaderNodeName());
        m.put("leader_host_name", w.leaderHostName());
        m.put("leader_id", w.leaderId());
        m.put("raft_term", w.raftTerm());
        m.put("commit_index", w.commitIndex());
        m.put("applied_index", w.appliedIndex());
        m.put("local_node_id", w.localNodeId());
        m.put("escalated_member", w.escalatedMember());
        m.put("escalation_term", w.escalationTerm());
        m.put("members", w.members().stream().map(AdminJson::member).toList());
        return m;
    }

    private static Map<String, Object> member(WatchdogMember w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("node_name", w.nodeName());
        m.put("host_name", w.hostName());
        m.put("delegate_ip", w.delegateIp());
        m.put("pgpool_port", w.pgpoolPort());
        m.put("wd_port", w.wdPort());
        m.put("priority", w.priority());
        m.put("status", w.status());
        m.put("status_name", w.statusName());
        m.put("membership_status", w.membershipStatus());
        m.put("membership_status_name", w.membershipStatusName());
        m.put("local", w.local());
        m.put("escalated", w.escalated());
        m.put("silence_millis", w.silenceMillis());
        return m;
    }

    static Map<String, Object> event(ClusterEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at_millis", e.at().toEpochMilli());
        m.put("kind", e.kind());
        m.put("message", e.message());
        m.put("term", e.term());
        return m;
    }
}
