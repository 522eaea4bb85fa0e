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

    static AdminProto.WatchdogInfoResponse toMessage(WatchdogInfo w) {
        AdminProto.WatchdogInfoResponse.Builder b = AdminProto.WatchdogInfoResponse.newBuilder()
                .setTotalNodes(w.totalNodes()).setRemoteNodes(w.remoteNodes())
                .setMemberRemoteNodes(w.memberRemoteNodes()).setAliveRemoteNodes(w.aliveRemoteNodes())
                .setNodesRequiredForQuorum(w.nodesRequiredForQuorum()).setQuorumStatus(w.quorumStatus())
                .setQuorumState(text(w.quorumState())).addAllQuorumNodes(w.quorumNodes())
                .setLocalEscalated(w.localEscalated()).setLeaderNodeName(text(w.leaderNodeName()))
                .setLeaderHostName(text(w.leaderHostName())).setLeaderId(w.leaderId()).setRaftTerm(w.raftTerm())
                .setCommitIndex(w.commitIndex()).setAppliedIndex(w.appliedIndex()).setLocalNodeId(w.localNodeId())
                .setEscalatedMember(w.escalatedMember()).setEscalationTerm(w.escalationTerm());
        for (WatchdogMember m : w.members()) {
            b.addMembers(AdminProto.WatchdogMember.newBuilder().setId(m.id()).setNodeName(text(m.nodeName()))
                    .setHostName(text(m.hostName())).setDelegateIp(text(m.delegateIp())).setPgpoolPort(m.pgpoolPort())
                    .setWdPort(m.wdPort()).setPriority(m.priority()).setStatus(m.status())
                    .setStatusName(text(m.statusName())).setMembershipStatus(m.membershipStatus())
                    .setMembershipStatusName(text(m.membershipStatusName())).setLocal(m.local())
                    .setEscalated(m.escalated()).setSilenceMillis(m.silenceMillis()));
        }
        return b.build();
    }

    static WatchdogInfo fromMessage(AdminProto.WatchdogInfoResponse m) {
        return new WatchdogInfo(m.getTotalNodes(), m.getRemoteNodes(), m.getMemberRemoteNodes(),
                m.getAliveRemoteNodes(), m.getNodesRequiredForQuorum(), m.getQuorumStatus(), m.getQuorumState(),
                m.getQuorumNodesList(), m.getLocalEscalated(), m.getLeaderNodeName(), m.getLeaderHostName(),
                m.getLeaderId(), m.getRaftTerm(), m.getCommitIndex(), m.getAppliedIndex(), m.getLocalNodeId(),
                m.getEscalatedMember(), m.getEscalationTerm(), m.getMembersList().stream()
                        .map(w -> new WatchdogMember(w.getId(), w.getNodeName(), w.getHostName(), w.getDelegateIp(),
                                w.getPgpoolPort(), w.getWdPort(), w.getPriority(), w.getStatus(), w.getStatusName(),
                                w.getMembershipStatus(), w.getMembershipStatusName(), w.getLocal(), w.getEscalated(),
                                w.getSilenceMillis()))
                        .toList());
    }

    static AdminProto.ClusterEvent toMessage(ClusterEvent e) {
        return AdminProto.ClusterEvent.newBuilder().setAtMillis(e.at().toEpochMilli()).setKind(text(e.kind()))
                .setMessage(text(e.message())).setTerm(e.term()).build();
    }

    static ClusterEvent fromMessage(AdminProto.ClusterEvent m) {
        return new ClusterEvent(java.time.Instant.ofEpochMilli(m.getAtMillis()), m.getKind(), m.getMessage(),
                m.getTerm());
    }
}
