package io.raftpool.watchdog.admin;

/**
 * A client session, as pcp_proc_info shows a child process.
 *
 * @param processId       the id the client got in BackendKeyData
 * @param database        database
 * @param user            user
 * @param startTime       when it connected, "yyyy-MM-dd HH:mm:ss"
 * @param status          Idle, Execute command, Wait for connection, ...
 * @param loadBalanceNode its load-balance node
 * @param applicationName application_name
 */
public record ProcessInfo(int processId, String database, String user, String startTime, String status,
        int loadBalanceNode, String applicationName) {
}
