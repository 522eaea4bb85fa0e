package io.raftpool.proxy.session;

import java.time.Instant;

/**
 * A session as SHOW pool_processes shows it.
 *
 * @param processId       the id the client was given in BackendKeyData
 * @param user            user name
 * @param database        database name
 * @param connectedAt     when the client connected
 * @param state           the session's state
 * @param loadBalanceNode its load-balance node id
 * @param applicationName application_name
 */
public record SessionInfo(int processId, String user, String database, Instant connectedAt, String state,
        int loadBalanceNode, String applicationName) {
}
