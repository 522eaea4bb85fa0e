package io.raftpool.consensus;

import io.raftpool.consensus.ratis.RatisNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * This instance's member of the cluster's Raft group (Apache Ratis), and the replicated {@link ClusterState} it
 * applies. Works alike for a group of one (a single raftpool) or several.
 *
 * <pre>
 *   RaftNode node = RaftNode.start(settings, leadershipListener, stateListener);
 *   node.submit(new ClusterCommand.SetBackendStatus(1, NodeStatus.DOWN, "health check failed", now))
 *       .whenComplete((state, error) -&gt; ...);
 * </pre>
 *
 * The log and snapshots live in {@link RaftSettings#storageDir()}: a restarted node comes back with the same
 * state. Every method is safe to call from any thread; the futures never throw, they complete exceptionally
 * with a {@link ConsensusException}.
 */
public final class RaftNode implements AutoCloseable {

    private final RatisNode ratis;

    private RaftNode(RatisNode ratis) {
        this.ratis = ratis;
    }

    /**
     * Starts this member: recovers its log and latest snapshot from the storage directory (or creates them), and
     * joins the group of {@link RaftSettings#peers()}.
     *
     * @param settings   where and how to run
     * @param leadership told when this member's leadership is committed or lost
     * @param listener   told of every applied command
     * @throws IOException if the storage cannot be used (or holds another group's log) or the port cannot be bound
     */
    public static RaftNode start(RaftSettings settings, LeadershipListener leadership, StateListener listener)
            throws IOException {
        return new RaftNode(RatisNode.start(settings, leadership, listener));
    }

    /** The Raft group id: a name-based UUID of {@link RaftSettings#groupSeed()}. */
    public UUID groupId() {
        return ratis.groupId();
    }

    /**
     * Has the leader append {@code command} to the log and apply it once a quorum has it. Completes with the
     * state right after the command was applied, or exceptionally with {@link CommandRejectedException} (the state
     * refuses it), {@link UnreadableCommandException} (the leader cannot read it), or {@link NoQuorumException}
     * (no leader with a quorum within the request timeout; the command may still be applied later).
     */
    public CompletableFuture<ClusterState> submit(ClusterCommand command) {
        return ratis.submit(command);
    }

    /** The state this member has applied (a follower may be a little behind the leader). */
    public ClusterState state() {
        return ratis.state();
    }

    /**
     * The state as of a read the leader confirmed with a quorum: it includes every command committed before this
     * call. Fails with {@link NoQuorumException} like {@link #submit}.
     */
    public CompletableFuture<ClusterState> readLinearizable() {
        return ratis.readLinearizable();
    }

    /**
     * Whether this member's Raft server runs. Besides {@link #close()}, Ratis stops it by itself after a pause of
     * the process (or its host) longer than 60 s; the member must then be started again to rejoin.
     */
    public boolean isRunning() {
        return ratis.isRunning();
    }

    /** Whether this member is the leader and its leadership is committed (as {@link LeadershipListener#leaderReady}). */
    public boolean isLeader() {
        return ratis.isLeader();
    }

    /** The Raft term this member is in. */
    public long currentTerm() {
        return ratis.currentTerm();
    }

    /** The index of the last log entry this member knows is committed. */
    public long commitIndex() {
        return ratis.commitIndex();
    }

    /** The member this one takes for the leader, if any. */
    public Optional<Integer> leaderId() {
        return ratis.leaderId();
    }

    /**
     * For the leader's own quorum check: how long ago that follower last answered the leader. Empty when this
     * member is not the leader, or {@code memberId} is not a follower.
     */
    public Optional<Duration> followerSilence(int memberId) {
        return ratis.followerSilence(memberId);
    }

    /**
     * Asks the leader to hand its leadership to {@code memberId} (a planned transfer, as before this member
     * stops). Completes when the transfer is done; fails with a {@link ConsensusException} otherwise.
     */
    public CompletableFuture<Void> transferLeadership(int memberId, Duration timeout) {
        return ratis.transferLeadership(memberId, timeout);
    }

    /** Stops this member; a listener still leading is told {@link LeadershipListener#notLeader()} first. */
    @Override
    public void close() {
        ratis.close();
    }
}
