package io.raftpool.consensus.ratis;

import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.ClusterTransitions;
import io.raftpool.consensus.CommandRejectedException;
import io.raftpool.consensus.ConsensusException;
import io.raftpool.consensus.codec.ClusterStateCodec;
import io.raftpool.consensus.codec.CommandCodec;
import io.raftpool.consensus.proto.CommandReplyMsg;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine holding the {@link ClusterState}. It checks a command in {@link #startTransaction} (on
 * the leader, so a refused command fails its submitter and never reaches the log), changes the state only in
 * {@link #applyTransaction} through {@link ClusterTransitions}, and answers reads in {@link #query}. Snapshots
 * are whole states in files ({@link SnapshotStore}). Leadership changes and applied commands go to the listeners
 * through the {@link EventDispatcher}, never on the Ratis thread that reported them.
 */
final class ClusterStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStateMachine.class);

    private final SnapshotStore snapshots = new SnapshotStore();
    private final EventDispatcher events;
    private volatile ClusterState state = ClusterState.empty();

    ClusterStateMachine(EventDispatcher events) {
        this.events = events;
    }

    ClusterState state() {
        return state;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        snapshots.storage().init(raftStorage);
        loadLatestSnapshot();
    }

    /** After Ratis installed a snapshot from the leader (this member lagged too far behind). */
    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
    }

    private void loadLatestSnapshot() throws IOException {
        Optional<SnapshotStore.Loaded> loaded = snapshots.loadLatest();
        if (loaded.isEmpty()) {
            return;
        }
        synchronized (this) {
            state = loaded.get().state();
            setLastAppliedTermIndex(loaded.get().termIndex());
            notifyAll();
        }
        LOG.info("{}: loaded the snapshot at {}", getId(), loaded.get().termIndex());
        events.restored(loaded.get().state());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots.storage();
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        try {
            ClusterCommand command = CommandCodec.decode(request.getMessage().getContent().toByteArray());
            ClusterTransitions.rejection(state, command).ifPresent(why -> {
                throw new CommandRejectedException(why);
            });
        } catch (ConsensusException e) {
            LOG.info("{}: refused a command: {}", getId(), e.getMessage());
            trx.setException(e);
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long index = entry.getIndex();
        CommandReplyMsg.Builder reply = CommandReplyMsg.newBuilder().setLogIndex(index);
        ClusterCommand command;
        try {
            command = CommandCodec.decode(entry.getStateMachineLogEntry().getLogData().toByteArray());
        } catch (ConsensusException e) {
            // Only a newer leader can have let it in: every member skips it alike.
            LOG.error("{}: skipped the log entry {}: {}", getId(), index, e.getMessage());
            applied(ClusterTransitions.skip(state, index), entry);
            return reply(reply.setRejected(e.getMessage()));
        }
        ClusterState before = state;
        Optional<String> rejection;
        ClusterState after;
        try {
            rejection = ClusterTransitions.rejection(before, command);
            after = ClusterTransitions.apply(before, command, index);
        } catch (RuntimeException e) {
            // A bug, met alike by every member (apply is deterministic): skip the entry rather than stop applying.
            LOG.error("{}: applying the log entry {} ({}) failed; skipped", getId(), index, command, e);
            applied(ClusterTransitions.skip(before, index), entry);
            return reply(reply.setRejected("applying the command failed: " + e));
        }
        applied(after, entry);
        events.applied(after, command);
        if (rejection.isPresent()) {
            LOG.info("{}: entry {} changed nothing: {}", getId(), index, rejection.get());
            return reply(reply.setRejected(rejection.get()));
        }
        LOG.debug("{}: applied entry {}: {}", getId(), index, command);
        return reply(reply.setState(ClusterStateCodec.toMsg(after)));
    }

    private synchronized void applied(ClusterState after, LogEntryProto entry) {
        state = after;
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        notifyAll();
    }

    /**
     * Waits until this member has applied the command at {@code index}, or {@code max} passed (a member cut off
     * from the leader may never get there).
     */
    synchronized void awaitApplied(long index, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        for (long left = max.toNanos(); state.appliedIndex() < index && left > 0; left = deadline - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private static CompletableFuture<Message> reply(CommandReplyMsg.Builder reply) {
        return CompletableFuture.completedFuture(
                Message.valueOf(UnsafeByteOperations.unsafeWrap(reply.build().toByteArray())));
    }

    /** A read: the whole state (with LINEARIZABLE reads, Ratis calls this once the read index is applied). */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(
                Message.valueOf(UnsafeByteOperations.unsafeWrap(ClusterStateCodec.encode(state))));
    }

    @Override
    public long takeSnapshot() throws IOException {
        ClusterState snapshotState;
        TermIndex at;
        synchronized (this) {
            snapshotState = state;
            at = getLastAppliedTermIndex();
        }
        if (at == null || at.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        snapshots.save(snapshotState, at);
        LOG.info("{}: took a snapshot at {}", getId(), at);
        return at.getIndex();
    }

    @Override
    public void notifyLeaderReady() {
        long term;
        try {
            term = getServer().join().getDivision(getGroupId()).getInfo().getCurrentTerm();
        } catch (IOException e) {
            LOG.error("{}: leader ready, but its term cannot be read", getId(), e);
            return;
        }
        LOG.info("{}: leader of term {} and ready", getId(), term);
        events.leaderReady(term);
    }

    /**
     * This member's server stopped: closed by raftpool, or by Ratis itself (a JVM pause over the close
     * threshold, or an election that found this member out of the group).
     */
    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        LOG.info("{}: the Raft server stopped as {}", getId(), roleInfo.getRole());
        events.notLeaderIfLeading();
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pendingEntries) {
        LOG.info("{}: not leader any more ({} entries pending)", getId(), pendingEntries.size());
        events.notLeader();
    }
}
