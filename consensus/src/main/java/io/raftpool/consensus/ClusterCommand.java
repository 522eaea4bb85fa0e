package io.raftpool.consensus;

import java.util.List;
import java.util.Objects;

/**
 * A change to the {@link ClusterState}, written to the Raft log and applied, in log order, by every member.
 * Each command carries its own timestamp ({@code atMillis}, epoch milliseconds, taken by whoever submits it)
 * because applying a command never reads a clock. {@link ClusterTransitions} says what each one does and when
 * it is refused; the codec in {@code io.raftpool.consensus.codec} writes each as a versioned protobuf message.
 */
public sealed interface ClusterCommand {

    /** Makes the backends of the configuration known: only those not known yet are added (a first start). */
    record RegisterBackends(List<BackendState> initial) implements ClusterCommand {
        public RegisterBackends {
            initial = List.copyOf(initial);
        }
    }

    /** Changes one backend's status. */
    record SetBackendStatus(int nodeId, NodeStatus status, String reason, long atMillis) implements ClusterCommand {
        public SetBackendStatus {
            Objects.requireNonNull(status, "status");
            reason = Timestamps.text(reason);
        }
    }

    /** Records the primary ({@link ClusterState#NO_PRIMARY} for none): it becomes PRIMARY, every other STANDBY. */
    record SetPrimary(int nodeId, String reason, long atMillis) implements ClusterCommand {
        public SetPrimary {
            reason = Timestamps.text(reason);
        }
    }

    /** Records a new failover operation, REQUESTED, whose id is this command's log index. */
    record StartOperation(FailoverKind kind, int nodeId, int newPrimary, String requestedBy, long atMillis)
            implements ClusterCommand {
        public StartOperation {
            Objects.requireNonNull(kind, "kind");
            requestedBy = Timestamps.text(requestedBy);
        }
    }

    /** Moves an operation to another phase, or records progress (RUNNING to RUNNING with a new detail). */
    record UpdateOperation(long id, FailoverPhase phase, String detail, long atMillis) implements ClusterCommand {
        public UpdateOperation {
            Objects.requireNonNull(phase, "phase");
            detail = Timestamps.text(detail);
        }
    }

    /** Adds a member or replaces what is known of it. */
    record UpsertMember(Member member) implements ClusterCommand {
        public UpsertMember {
            Objects.requireNonNull(member, "member");
        }
    }

    /** Forgets a member (nothing happens if it is not known). */
    record RemoveMember(int id) implements ClusterCommand {
    }

    /**
     * A member's vote for the failover of a backend its health check found unreachable. Votes older than
     * {@code windowMillis} are forgotten; once {@code votesNeeded} members (or votes, with
     * {@code countRepeats}: allow_multiple_failover_requests_from_node) agree, a FAILOVER operation starts,
     * requested by the consensus, and the backend's votes are cleared. The submitter computes
     * {@code votesNeeded} from the configuration every member shares.
     */
    record FailoverVote(int memberId, int nodeId, int votesNeeded, boolean countRepeats, long windowMillis,
            String reason, long atMillis) implements ClusterCommand {
        public FailoverVote {
            reason = Timestamps.text(reason);
            if (votesNeeded < 1) {
                throw new IllegalArgumentException("votesNeeded " + votesNeeded + " must be at least 1");
            }
        }
    }

    /** Records that a member holds the delegate IP under a Raft term (the fencing token). */
    record Escalate(int memberId, long term, long atMillis) implements ClusterCommand {
    }
}
