package io.raftpool.consensus;

import io.raftpool.consensus.ClusterCommand.Escalate;
import io.raftpool.consensus.ClusterCommand.FailoverVote;
import io.raftpool.consensus.ClusterCommand.RegisterBackends;
import io.raftpool.consensus.ClusterCommand.RemoveMember;
import io.raftpool.consensus.ClusterCommand.SetBackendStatus;
import io.raftpool.consensus.ClusterCommand.SetPrimary;
import io.raftpool.consensus.ClusterCommand.StartOperation;
import io.raftpool.consensus.ClusterCommand.UpdateOperation;
import io.raftpool.consensus.ClusterCommand.UpsertMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure function from (state, command, log index) to the next state: what each {@link ClusterCommand}
 * does, and when it is refused. No clock, no I/O, no randomness: every member computes the same states.
 *
 * <p>The Raft leader checks {@link #rejection} before a command enters the log, so that a refused command
 * fails its submitter at once. Commands that passed that check concurrently can still conflict once in the
 * log (two StartOperations racing), so {@link #apply} checks again: a command refused there changes nothing
 * but the applied index, on every member alike.
 */
public final class ClusterTransitions {

    /** How many finished operations the state keeps (the oldest are dropped); unfinished ones are all kept. */
    public static final int FINISHED_OPERATIONS_KEPT = 100;

    private ClusterTransitions() {
    }

    /** Why {@code command} cannot be applied to {@code state}, or empty if it can. */
    public static Optional<String> rejection(ClusterState state, ClusterCommand command) {
        return Optional.ofNullable(rejectionOrNull(state, command));
    }

    private static String rejectionOrNull(ClusterState state, ClusterCommand command) {
        if (command instanceof RegisterBackends c) {
            return registerRejection(c);
        } else if (command instanceof SetBackendStatus c) {
            return state.backends().containsKey(c.nodeId()) ? null : unknownBackend(c.nodeId());
        } else if (command instanceof SetPrimary c) {
            return c.nodeId() == ClusterState.NO_PRIMARY || state.backends().containsKey(c.nodeId())
                    ? null : unknownBackend(c.nodeId());
        } else if (command instanceof StartOperation c) {
            return startRejection(state, c);
        } else if (command instanceof UpdateOperation c) {
            return updateRejection(state, c);
        } else if (command instanceof UpsertMember c) {
            return c.member().id() < 0 ? "member id " + c.member().id() + " is negative"
                    : fingerprintRejection(state, c.member());
        } else if (command instanceof RemoveMember) {
            return null;
        } else if (command instanceof Escalate c) {
            return escalateRejection(state, c);
        } else if (command instanceof FailoverVote c) {
            return voteRejection(state, c);
        }
        throw unknown(command);
    }

    /**
     * The state after applying {@code command}, the log entry at {@code index}. A command that
     * {@link #rejection} refuses leaves the state as it was, but for {@link ClusterState#appliedIndex()}.
     */
    public static ClusterState apply(ClusterState state, ClusterCommand command, long index) {
        if (rejection(state, command).isPresent()) {
            return state.withAppliedIndex(index);
        }
        return transition(state, command, index).withAppliedIndex(index);
    }

    /**
     * The state after the log entry at {@code index} that no member can read (see
     * {@link UnreadableCommandException}): unchanged but for the applied index, on every member alike.
     */
    public static ClusterState skip(ClusterState state, long index) {
        return state.withAppliedIndex(index);
    }

    private static ClusterState transition(ClusterState state, ClusterCommand command, long index) {
        if (command instanceof RegisterBackends c) {
            return register(state, c);
        } else if (command instanceof SetBackendStatus c) {
            return setStatus(state, c);
        } else if (command instanceof SetPrimary c) {
            return setPrimary(state, c.nodeId());
        } else if (command instanceof StartOperation c) {
            return start(state, c, index);
        } else if (command instanceof UpdateOperation c) {
            return update(state, c);
        } else if (command instanceof UpsertMember c) {
            Map<Integer, Member> members = new TreeMap<>(state.members());
            members.put(c.member().id(), c.member());
            return state.withMembers(members);
        } else if (command instanceof RemoveMember c) {
            Map<Integer, Member> members = new TreeMap<>(state.members());
            members.remove(c.id());
            return state.withMembers(members);
        } else if (command instanceof Escalate c) {
            return state.withEscalation(new Escalation(c.memberId(), c.term(), at(c.atMillis())));
        } else if (command instanceof FailoverVote c) {
            return vote(state, c, index);
        }
        throw unknown(command);
    }

    private static String registerRejection(RegisterBackends c) {
        Set<Integer> ids = new HashSet<>();
        for (BackendState b : c.initial()) {
            if (b.id() < 0) {
                return "backend node id " + b.id() + " is negative";
            }
            if (!ids.add(b.id())) {
                return "backend node " + b.id() + " is registered twice";
            }
        }
        return null;
    }

    private static String startRejection(ClusterState state, StartOperation c) {
        Optional<FailoverOperation> unfinished = state.unfinished();
        if (unfinished.isPresent()) {
            FailoverOperation op = unfinished.get();
            return "operation " + op.id() + " (" + op.kind() + " of node " + op.nodeId() + ", " + op.phase()
                    + ") is unfinished: finish it before starting another";
        }
        if (!state.backends().containsKey(c.nodeId())) {
            return unknownBackend(c.nodeId());
        }
        if (c.newPrimary() != ClusterState.NO_PRIMARY && !state.backends().containsKey(c.newPrimary())) {
            return "new primary: " + unknownBackend(c.newPrimary());
        }
        return null;
    }

    private static String updateRejection(ClusterState state, UpdateOperation c) {
        FailoverOperation op = state.operations().get(c.id());
        if (op == null) {
            return "no operation " + c.id();
        }
        if (!op.phase().canMoveTo(c.phase())) {
            return "operation " + c.id() + " cannot move from " + op.phase() + " to " + c.phase();
        }
        return null;
    }

    private static String escalateRejection(ClusterState state, Escalate c) {
        Escalation current = state.escalation();
        if (current == null) {
            return null;
        }
        if (c.term() < current.term()) {
            return "member " + c.memberId() + " escalates under term " + c.term() + ", older than term "
                    + current.term() + " under which member " + current.memberId() + " escalated";
        }
        if (c.term() == current.term() && c.memberId() != current.memberId()) {
            // Raft elects one leader per term: two members escalating under one term is a bug, not a race.
            return "member " + c.memberId() + " escalates under term " + c.term() + ", which member "
                    + current.memberId() + " already holds";
        }
        return null;
    }

    /**
     * A member joining (ALIVE) must share every setting of its fingerprint with the other ALIVE members: the
     * first difference, in name order, is the reason it is refused.
     */
    private static String fingerprintRejection(ClusterState state, Member joining) {
        if (!joining.alive() || joining.fingerprint().isEmpty()) {
            return null;
        }
        for (Member other : state.members().values()) {
            if (other.id() == joining.id() || !other.alive() || other.fingerprint().isEmpty()) {
                continue;
            }
            Set<String> names = new java.util.TreeSet<>(joining.fingerprint().keySet());
            names.addAll(other.fingerprint().keySet());
            for (String name : names) {
                String mine = joining.fingerprint().getOrDefault(name, "(not set)");
                String theirs = other.fingerprint().getOrDefault(name, "(not set)");
                if (!mine.equals(theirs)) {
                    return "member " + joining.id() + "'s configuration differs from member " + other.id()
                            + "'s: " + name + " is '" + mine + "' on member " + joining.id() + " but '" + theirs
                            + "' on member " + other.id() + " (backends, watchdog members, delegate_IP and the"
                            + " consensus settings must be the same on every member)";
                }
            }
        }
        return null;
    }

    private static String voteRejection(ClusterState state, FailoverVote c) {
        BackendState b = state.backends().get(c.nodeId());
        if (b == null) {
            return unknownBackend(c.nodeId());
        }
        if (b.status() == NodeStatus.DOWN || b.status() == NodeStatus.UNUSED) {
            return "node " + c.nodeId() + " is already " + b.status();
        }
        Optional<FailoverOperation> under = state.unfinished().filter(op -> op.nodeId() == c.nodeId());
        if (under.isPresent()) {
            return "operation " + under.get().id() + " (" + under.get().kind() + " of node " + c.nodeId()
                    + ") is already under way";
        }
        return null;
    }

    /**
     * Records the vote, forgetting votes older than the window; with enough votes (and no other operation
     * unfinished) starts the failover as if a StartOperation had been applied at this index.
     */
    private static ClusterState vote(ClusterState state, FailoverVote c, long index) {
        long oldest = c.atMillis() - c.windowMillis();
        List<Vote> votes = new ArrayList<>();
        for (Vote v : state.votes()) {
            if (v.at().toEpochMilli() >= oldest && state.backends().containsKey(v.nodeId())) {
                votes.add(v);
            }
        }
        votes.add(new Vote(c.memberId(), c.nodeId(), at(c.atMillis())));
        List<Vote> forNode = votes.stream().filter(v -> v.nodeId() == c.nodeId()).toList();
        long count = c.countRepeats() ? forNode.size() : forNode.stream().map(Vote::memberId).distinct().count();
        if (count < c.votesNeeded() || state.unfinished().isPresent()) {
            return state.withVotes(votes);
        }
        votes.removeIf(v -> v.nodeId() == c.nodeId());
        String voters = forNode.stream().map(v -> String.valueOf(v.memberId())).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        StartOperation failover = new StartOperation(FailoverKind.FAILOVER, c.nodeId(), ClusterState.NO_PRIMARY,
                "consensus of members " + voters + " (" + count + " of " + c.votesNeeded() + " votes needed): "
                        + c.reason(), c.atMillis());
        return start(state.withVotes(votes), failover, index);
    }

    private static ClusterState register(ClusterState state, RegisterBackends c) {
        Map<Integer, BackendState> backends = new TreeMap<>(state.backends());
        int primary = state.primaryNodeId();
        for (BackendState b : c.initial()) {
            if (backends.putIfAbsent(b.id(), b) == null && primary == ClusterState.NO_PRIMARY
                    && b.role() == NodeRole.PRIMARY) {
                primary = b.id(); // a first start: take the configuration's word for the primary
            }
        }
        return state.withBackends(backends, primary);
    }

    private static ClusterState setStatus(ClusterState state, SetBackendStatus c) {
        BackendState b = state.backends().get(c.nodeId());
        if (b.status() == c.status() && b.reason().equals(c.reason())) {
            return state;
        }
        Instant changedAt = b.status() == c.status() ? b.lastStatusChange() : at(c.atMillis());
        Map<Integer, BackendState> backends = new TreeMap<>(state.backends());
        backends.put(b.id(), b.withStatus(c.status(), changedAt, c.reason()));
        return state.withBackends(backends, state.primaryNodeId());
    }

    private static ClusterState setPrimary(ClusterState state, int primary) {
        Map<Integer, BackendState> backends = new TreeMap<>();
        state.backends().forEach((id, b) -> backends.put(id, b.withRole(id == primary ? NodeRole.PRIMARY
                : NodeRole.STANDBY)));
        return state.withBackends(backends, primary);
    }

    private static ClusterState start(ClusterState state, StartOperation c, long index) {
        Instant at = at(c.atMillis());
        FailoverOperation op = new FailoverOperation(index, c.kind(), c.nodeId(), c.newPrimary(), c.requestedBy(),
                FailoverPhase.REQUESTED, "", at, at);
        TreeMap<Long, FailoverOperation> ops = new TreeMap<>(state.operations());
        ops.put(index, op);
        return state.withOperations(ops);
    }

    private static ClusterState update(ClusterState state, UpdateOperation c) {
        TreeMap<Long, FailoverOperation> ops = new TreeMap<>(state.operations());
        ops.put(c.id(), ops.get(c.id()).moveTo(c.phase(), c.detail(), at(c.atMillis())));
        long finished = ops.values().stream().filter(op -> !op.isUnfinished()).count();
        for (var it = ops.values().iterator(); finished > FINISHED_OPERATIONS_KEPT && it.hasNext(); ) {
            if (!it.next().isUnfinished()) {
                it.remove();
                finished--;
            }
        }
        return state.withOperations(ops);
    }

    private static IllegalArgumentException unknown(ClusterCommand command) {
        return new IllegalArgumentException("unknown command " + command);
    }

    private static String unknownBackend(int nodeId) {
        return "no backend node " + nodeId;
    }

    private static Instant at(long atMillis) {
        return Instant.ofEpochMilli(atMillis);
    }
}
