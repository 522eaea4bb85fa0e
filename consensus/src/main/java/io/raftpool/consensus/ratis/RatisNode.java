package io.raftpool.consensus.ratis;

import com.google.protobuf.InvalidProtocolBufferException;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.CommandRejectedException;
import io.raftpool.consensus.ConsensusException;
import io.raftpool.consensus.LeadershipListener;
import io.raftpool.consensus.RaftSettings;
import io.raftpool.consensus.StateListener;
import io.raftpool.consensus.codec.ClusterStateCodec;
import io.raftpool.consensus.codec.CommandCodec;
import io.raftpool.consensus.proto.CommandReplyMsg;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's member of the Ratis group: its server, its state machine, and a client to reach the leader.
 * The one Ratis-facing class the facade {@link io.raftpool.consensus.RaftNode} uses; its API has no Ratis type.
 *
 * <p>The client is used through the blocking API on a thread of its own per call: Ratis' ordered async client
 * fails every later request once one has run out of retries (its sliding window closes), while each blocking
 * call stands alone. Every call is bounded by the request timeout, after which it is interrupted.
 */
public final class RatisNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RatisNode.class);

    private final RaftSettings settings;
    private final RaftGroup group;
    private final EventDispatcher events;
    private final ClusterStateMachine stateMachine;
    private final RaftServer server;
    private final RaftServer.Division division;
    private final RaftClient client;
    private final ExecutorService calls;
    private final org.apache.ratis.protocol.ClientId localClient = org.apache.ratis.protocol.ClientId.randomId();
    private final java.util.concurrent.atomic.AtomicLong localCalls = new java.util.concurrent.atomic.AtomicLong();

    private RatisNode(RaftSettings settings, RaftGroup group, EventDispatcher events, ClusterStateMachine sm,
            RaftServer server, RaftClient client) throws IOException {
        this.settings = settings;
        this.group = group;
        this.events = events;
        this.stateMachine = sm;
        this.server = server;
        this.division = server.getDivision(group.getGroupId());
        this.client = client;
        this.calls = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "raftpool-consensus-client-" + settings.selfId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the member: recovers its log and snapshot from the storage directory, or creates them. */
    public static RatisNode start(RaftSettings settings, LeadershipListener leadership, StateListener listener)
            throws IOException {
        RaftGroup group = RatisIds.group(settings);
        RatisIds.checkStorageHoldsOnly(settings.storageDir(), group.getGroupId());
        EventDispatcher events = new EventDispatcher(settings.selfId(), leadership, listener);
        ClusterStateMachine sm = new ClusterStateMachine(events);
        RaftServer server = null;
        try {
            server = RaftServer.newBuilder().setServerId(RatisIds.peerId(settings.selfId())).setGroup(group)
                    .setStateMachine(sm).setProperties(RatisProperties.server(settings))
                    .setOption(RaftStorage.StartupOption.RECOVER).build();
            server.start();
            RaftClient client = RaftClient.newBuilder().setProperties(RatisProperties.client(settings))
                    .setRaftGroup(group).setRetryPolicy(RatisProperties.clientRetry(settings)).build();
            LOG.info("member {} of Raft group {} started: peers = {}, storage = {}, election timeout = {}-{} ms,"
                    + " request timeout = {} ms, snapshot every {} entries", settings.selfId(),
                    group.getGroupId().getUuid(), group.getPeers(), settings.storageDir(),
                    settings.electionTimeoutMin().toMillis(), settings.electionTimeoutMax().toMillis(),
                    settings.requestTimeout().toMillis(), settings.snapshotThreshold());
            return new RatisNode(settings, group, events, sm, server, client);
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                closeQuietly(server);
            }
            events.close();
            throw e;
        }
    }

    /** The Raft group's id. */
    public UUID groupId() {
        return group.getGroupId().getUuid();
    }

    /**
     * Submits a command to the leader; completes with the state right after it was applied. On the leader
     * itself the command goes straight to the local server: the client would first try the leader it last
     * knew, which after a failover is the old one, and a silent (cut off) old leader makes that try wait for
     * the client's RPC timeout.
     */
    public CompletableFuture<ClusterState> submit(ClusterCommand command) {
        byte[] bytes;
        try {
            bytes = CommandCodec.encode(command);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ConsensusException("cannot encode " + command, e));
        }
        String what = "command " + command.getClass().getSimpleName();
        if (division.getInfo().isLeader()) {
            // A refusal is the answer; anything else (leadership lost meanwhile) goes to whoever leads now.
            return submitLocally(what, bytes).exceptionallyCompose(e -> e instanceof CommandRejectedException
                    || e instanceof io.raftpool.consensus.UnreadableCommandException
                    ? CompletableFuture.failedFuture(e) : submitThroughClient(what, bytes));
        }
        return submitThroughClient(what, bytes);
    }

    private CompletableFuture<ClusterState> submitLocally(String what, byte[] bytes) {
        RaftClientRequest request = RaftClientRequest.newBuilder().setClientId(localClient)
                .setServerId(RatisIds.peerId(settings.selfId())).setGroupId(group.getGroupId())
                .setCallId(localCalls.incrementAndGet()).setMessage(message(bytes))
                .setType(RaftClientRequest.writeRequestType()).setTimeoutMs(settings.requestTimeout().toMillis())
                .build();
        return call(what, answered -> {
            RaftClientReply reply = server.submitClientRequestAsync(request).get();
            answered.run();
            return appliedState(reply);
        });
    }

    private CompletableFuture<ClusterState> submitThroughClient(String what, byte[] bytes) {
        return call(what, answered -> {
            RaftClientReply reply = client.io().send(message(bytes));
            answered.run();
            return appliedState(reply);
        });
    }

    /** The state a command's reply carries, once this member has applied it too (read-your-writes). */
    private ClusterState appliedState(RaftClientReply reply) throws IOException, InterruptedException {
        CommandReplyMsg outcome = commandOutcome(checked(reply));
        // Unless this member is cut off from the leader, it applies the command within a few heartbeats.
        stateMachine.awaitApplied(outcome.getLogIndex(), settings.electionTimeoutMax().multipliedBy(2));
        return ClusterStateCodec.fromMsg(outcome.getState());
    }

    /** The state as the leader has it once every command committed before this read is applied. */
    public CompletableFuture<ClusterState> readLinearizable() {
        return call("linearizable read", answered -> {
            RaftClientReply reply = client.io().sendReadOnly(message(new byte[0]));
            return ClusterStateCodec.decode(checked(reply).getMessage().getContent().toByteArray());
        });
    }

    /** The state this member has applied. */
    public ClusterState state() {
        return stateMachine.state();
    }

    /**
     * Whether this member's server runs. Ratis stops it by itself after a JVM (or host) pause longer than its
     * close threshold (60 s): such a member must be restarted to rejoin.
     */
    public boolean isRunning() {
        return division.getInfo().isAlive();
    }

    /** Whether this member is the leader and its leadership is committed. */
    public boolean isLeader() {
        DivisionInfo info = division.getInfo();
        return info.isLeader() && info.isLeaderReady();
    }

    /** The Raft term this member is in. */
    public long currentTerm() {
        return division.getInfo().getCurrentTerm();
    }

    /** The last log index this member knows is committed. */
    public long commitIndex() {
        return division.getRaftLog().getLastCommittedIndex();
    }

    /** The member this one takes for the leader, if any. */
    public Optional<Integer> leaderId() {
        return RatisIds.memberId(division.getInfo().getLeaderId());
    }

    /** On the leader: how long ago that follower last answered. Empty on a follower or for an unknown member. */
    public Optional<Duration> followerSilence(int memberId) {
        RoleInfoProto role = division.getInfo().getRoleInfoProto();
        if (!role.hasLeaderInfo() || !division.getInfo().isLeader()) {
            return Optional.empty();
        }
        ByteString peer = RatisIds.peerId(memberId).toByteString();
        return role.getLeaderInfo().getFollowerInfoList().stream()
                .filter(f -> f.getId().getId().equals(peer))
                .findFirst()
                .map(f -> Duration.ofMillis(f.getLastRpcElapsedTimeMs()));
    }

    /** Asks the leader to hand leadership to that member; completes once it has (or fails). */
    public CompletableFuture<Void> transferLeadership(int memberId, Duration timeout) {
        return call("leadership transfer to member " + memberId, answered -> {
            RaftClientReply reply = client.admin().transferLeadership(RatisIds.peerId(memberId), timeout.toMillis());
            answered.run();
            checked(reply);
            return null;
        });
    }

    @Override
    public void close() {
        calls.shutdownNow();
        closeQuietly(client);
        closeQuietly(server);
        events.close();
        LOG.info("member {} of Raft group {} closed", settings.selfId(), group.getGroupId().getUuid());
    }

    /** A blocking client call; it runs {@code answered} once the leader answered (the timeout no longer applies). */
    private interface Call<T> {
        T run(Runnable answered) throws Exception;
    }

    /**
     * Runs a blocking client call on its own thread, failing it (and interrupting it) if no leader answered
     * within the request timeout.
     */
    private <T> CompletableFuture<T> call(String what, Call<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        AtomicBoolean answered = new AtomicBoolean();
        Future<?> task;
        try {
            task = calls.submit(() -> {
                try {
                    result.complete(call.run(() -> answered.set(true)));
                } catch (Exception e) {
                    result.completeExceptionally(ClientErrors.translate(what, e, settings.requestTimeout()));
                }
            });
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new ConsensusException(what + " failed: this node is closed"));
        }
        CompletableFuture.delayedExecutor(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!answered.get()
                    && result.completeExceptionally(ClientErrors.noQuorum(what, settings.requestTimeout(), null))) {
                task.cancel(true);
            }
        });
        return result;
    }

    private static RaftClientReply checked(RaftClientReply reply) throws IOException {
        if (!reply.isSuccess()) {
            throw reply.getException() != null ? reply.getException()
                    : new IOException("the leader answered without success: " + reply);
        }
        return reply;
    }

    /** The leader's answer to a command: refused, or applied at a log index. */
    private static CommandReplyMsg commandOutcome(RaftClientReply reply) {
        CommandReplyMsg outcome;
        try {
            outcome = CommandReplyMsg.parseFrom(reply.getMessage().getContent().toByteArray());
        } catch (InvalidProtocolBufferException e) {
            throw new ConsensusException("the leader's reply cannot be read: " + e.getMessage(), e);
        }
        if (outcome.hasRejected()) {
            throw new CommandRejectedException(outcome.getRejected());
        }
        return outcome;
    }

    private static Message message(byte[] bytes) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing {} failed", c, e);
        }
    }
}
