package io.raftpool.proxy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the streaming-replication check last found on each backend: whether PostgreSQL answered, the role it
 * reports, and (for standbys) delay and replication state as the primary sees them. Shown by
 * SHOW pool_nodes as pg_status, pg_role, replication_delay, replication_state and replication_sync_state.
 */
public final class ReplicationState {

    /**
     * One node's last check.
     *
     * @param reachable  PostgreSQL answered the check
     * @param primary    it is not in recovery
     * @param delayBytes bytes of WAL the standby's replay is behind the primary
     * @param state      pg_stat_replication.state on the primary for this standby, or empty
     * @param syncState  pg_stat_replication.sync_state, or empty
     */
    public record NodeReplication(boolean reachable, boolean primary, long delayBytes, String state, String syncState) {
        public static final NodeReplication UNKNOWN = new NodeReplication(false, false, 0, "", "");
    }

    private final Map<Integer, NodeReplication> nodes = new ConcurrentHashMap<>();

    public NodeReplication get(int nodeId) {
        return nodes.getOrDefault(nodeId, NodeReplication.UNKNOWN);
    }

    public void put(int nodeId, NodeReplication r) {
        nodes.put(nodeId, r);
    }
}
