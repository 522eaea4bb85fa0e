package io.raftpool.consensus;

/**
 * Where a failover operation stands. Only the moves below are legal; {@link #canMoveTo} says which.
 *
 * <pre>
 *   REQUESTED ──▶ RUNNING ──▶ DONE
 *       │          │  ▲ └───▶ FAILED
 *       │          └──┘ (progress: a new detail)
 *       └──────────────────▶ DONE | FAILED
 * </pre>
 *
 * An operation that is REQUESTED or RUNNING is unfinished: a leader that dies in the middle leaves it so, and
 * the next leader finds it with {@link ClusterState#unfinished()} to finish or verify it.
 */
public enum FailoverPhase {
    REQUESTED, RUNNING, DONE, FAILED;

    /** Whether the operation is over, successfully or not. */
    public boolean isFinished() {
        return this == DONE || this == FAILED;
    }

    /** Whether an operation in this phase may move to {@code next}. */
    public boolean canMoveTo(FailoverPhase next) {
        return switch (this) {
            case REQUESTED -> next != REQUESTED;
            case RUNNING -> next != REQUESTED;
            case DONE, FAILED -> false;
        };
    }
}
