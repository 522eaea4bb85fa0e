package io.raftpool.watchdog.admin;

import io.raftpool.watchdog.admin.proto.AdminProto;

/** Converts between the admin records and their protobuf messages, both ways, field by field. */
final class AdminMessages {

    private AdminMessages() {
    }

    static AdminProto.NodeInfo toMessage(NodeInfo n) {
        return AdminProto.NodeInfo.newBuilder()
                .setId(n.id())
                .setHostname(text(n.hostname()))
                .setPort(n.port())
                .setStatus(n.status())
                .setWeight(n.weight())
                .setStatusName(text(n.statusName()))
                .setBackendStatusName(text(n.backendStatusName()))
                .setRole(text(n.role()))
                .setBackendRole(text(n.backendRole()))
                .setReplicationDelay(n.replicationDelay())
                .setReplicationState(text(n.replicationState()))
                .setReplicationSyncState(text(n.replicationSyncState()))
                .setLastStatusChange(text(n.lastStatusChange()))
                .build();
    }

    static NodeInfo fromMessage(AdminProto.NodeInfo m) {
        return new NodeInfo(m.getId(), m.getHostname(), m.getPort(), m.getStatus(), m.getWeight(), m.getStatusName(),
                m.getBackendStatusName(), m.getRole(), m.getBackendRole(), m.getReplicationDelay(),
                m.getReplicationState(), m.getReplicationSyncState(), m.getLastStatusChange());
    }

    static AdminProto.ProcessInfo toMessage(ProcessInfo p) {
        return AdminProto.ProcessInfo.newBuilder()
                .setProcessId(p.processId())
                .setDatabase(text(p.database()))
                .setUser(text(p.user()))
                .setStartTime(text(p.startTime()))
                .setStatus(text(p.status()))
                .setLoadBalanceNode(p.loadBalanceNode())
                .setApplicationName(text(p.applicationName()))
                .build();
    }

    static ProcessInfo fromMessage(AdminProto.ProcessInfo m) {
        return new ProcessInfo(m.getProcessId(), m.getDatabase(), m.getUser(), m.getStartTime(), m.getStatus(),
                m.getLoadBalanceNode(), m.getApplicationName());
    }

    static AdminProto.HealthCheckInfo toMessage(HealthCheckInfo h) {
        return AdminProto.HealthCheckInfo.newBuilder()
                .setNodeId(h.nodeId())
                .setHostname(text(h.hostname()))
                .setPort(h.port())
                .setStatus(text(h.status()))
                .setRole(text(h.role()))
                .setLastStatusChange(text(h.lastStatusChange()))
                .setTotalCount(h.totalCount())
                .setSuccessCount(h.successCount())
                .setFailCount(h.failCount())
                .setSkipCount(h.skipCount())
                .setRetryCount(h.retryCount())
                .setAverageRetryCount(h.averageRetryCount())
                .setMaxRetryCount(h.maxRetryCount())
                .setMaxDurationMillis(h.maxDurationMillis())
                .setMinDurationMillis(h.minDurationMillis())
                .setAverageDurationMillis(h.averageDurationMillis())
                .setLastHealthCheck(text(h.lastHealthCheck()))
                .setLastSuccessfulHealthCheck(text(h.lastSuccessfulHealthCheck()))
                .setLastSkipHealthCheck(text(h.lastSkipHealthCheck()))
                .setLastFailedHealthCheck(text(h.lastFailedHealthCheck()))
                .build();
    }

    static HealthCheckInfo fromMessage(AdminProto.HealthCheckInfo m) {
        return new HealthCheckInfo(m.getNodeId(), m.getHostname(), m.getPort(), m.getStatus(), m.getRole(),
                m.getLastStatusChange(), m.getTotalCount(), m.getSuccessCount(), m.getFailCount(), m.getSkipCount(),
                m.getRetryCount(), m.getAverageRetryCount(), m.getMaxRetryCount(), m.getMaxDurationMillis(),
                m.getMinDurationMillis(), m.getAverageDurationMillis(), m.getLastHealthCheck(),
                m.getLastSuccessfulHealthCheck(), m.getLastSkipHealthCheck(), m.getLastFailedHealthCheck());
    }

    /** Protobuf strings cannot be null: an implementation that leaves a field null sends it empty. */
    private static String text(String s) {
        return s == null ? "" : s;
    }

    static AdminProto.StopMode toMessage(ClusterAdmin.StopMode mode) {
        return switch (mode) {
            case SMART -> AdminProto.StopMode.STOP_MODE_SMART;
            case FAST -> AdminProto.StopMode.STOP_MODE_FAST;
            case IMMEDIATE -> AdminProto.StopMode.STOP_MODE_IMMEDIATE;
        };
    }

    /** pcp_stop_pgpool's default, smart, when the mode is unspecified. */
    static ClusterAdmin.StopMode fromMessage(AdminProto.StopMode mode) {
        return switch (mode) {
            case STOP_MODE_UNSPECIFIED, STOP_MODE_SMART -> ClusterAdmin.StopMode.SMART;
            case STOP_MODE_FAST -> ClusterAdmin.StopMode.FAST;
            case STOP_MODE_IMMEDIATE -> ClusterAdmin.StopMode.IMMEDIATE;
            case UNRECOGNIZED -> throw new AdminException(AdminException.Kind.INVALID,
                    "unknown stop mode; it must be smart, fast or immediate");
        };
    }
}
