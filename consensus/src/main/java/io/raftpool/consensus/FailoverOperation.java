package io.raftpool.consensus;

import java.time.Instant;
import java.util.Objects;

/**
 * A failover, failback, promotion or other change of the backends, recorded before it runs so that a leader
 * that dies in the middle leaves a record the next one can finish or verify.
 *
 * @param id          the Raft log index of the command that started it (unique, increasing)
 * @param kind        what it does
 * @param nodeId      the backend it acts on
 * @param newPrimary  the backend to promote, -1 if none
 * @param requestedBy who asked (a member, pcp, the health check...)
 * @param phase       where it stands
 * @param detail      the latest progress or error text ("" when none)
 * @param requestedAt when it was requested
 * @param updatedAt   when its phase or detail last changed
 */
public record FailoverOperation(long id, FailoverKind kind, int nodeId, int newPrimary, String requestedBy,
        FailoverPhase phase, String detail, Instant requestedAt, Instant updatedAt) {

    public FailoverOperation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phase, "phase");
        requestedBy = Timestamps.text(requestedBy);
        detail = Timestamps.text(detail);
        requestedAt = Timestamps.millis(requestedAt, "requestedAt");
        updatedAt = Timestamps.millis(updatedAt, "updatedAt");
    }

    /** Whether it is REQUESTED or RUNNING. */
    public boolean isUnfinished() {
        return !phase.isFinished();
    }

    FailoverOperation moveTo(FailoverPhase next, String newDetail, Instant at) {
        return new FailoverOperation(id, kind, nodeId, newPrimary, requestedBy, next, newDetail, requestedAt, at);
    }
}
