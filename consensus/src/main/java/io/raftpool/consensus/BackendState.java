package io.raftpool.consensus;

import java.time.Instant;
import java.util.Objects;

/**
 * One backend as the cluster agrees on it.
 *
 * @param id               the backend's node id (N of backend_hostnameN)
 * @param status           its status
 * @param role             primary or standby
 * @param lastStatusChange when its status last changed (kept to the millisecond)
 * @param reason           why it has this status (never null; "" when unknown)
 */
public record BackendState(int id, NodeStatus status, NodeRole role, Instant lastStatusChange, String reason) {

    public BackendState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(role, "role");
        lastStatusChange = Timestamps.millis(lastStatusChange, "lastStatusChange");
        reason = Timestamps.text(reason);
    }

    BackendState withStatus(NodeStatus newStatus, Instant at, String why) {
        return new BackendState(id, newStatus, role, at, why);
    }

    BackendState withRole(NodeRole newRole) {
        return new BackendState(id, status, newRole, lastStatusChange, reason);
    }
}
