package io.raftpool.watchdog.admin;

/**
 * A backend with every field pcp_node_info prints.
 *
 * @param id                   node id
 * @param hostname             backend_hostnameN
 * @param port                 backend_portN
 * @param status               Pgpool-II's numeric status: 0 unused, 1 waiting, 2 up, 3 down (quarantine shows as 3)
 * @param weight               normalised load-balance weight
 * @param statusName           waiting, up, down, quarantine, unused
 * @param backendStatusName    PostgreSQL's own state as last checked: up, down
 * @param role                 primary or standby, as raftpool routes
 * @param backendRole          primary, standby or unknown, as PostgreSQL reports
 * @param replicationDelay     bytes behind the primary
 * @param replicationState     pg_stat_replication.state, or none
 * @param replicationSyncState pg_stat_replication.sync_state, or none
 * @param lastStatusChange     "yyyy-MM-dd HH:mm:ss"
 */
public record NodeInfo(int id, String hostname, int port, int status, double weight, String statusName,
        String backendStatusName, String role, String backendRole, long replicationDelay, String replicationState,
        String replicationSyncState, String lastStatusChange) {
}
