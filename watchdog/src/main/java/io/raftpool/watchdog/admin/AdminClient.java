package io.raftpool.watchdog.admin;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.raftpool.watchdog.admin.proto.AdminGrpc;
import io.raftpool.watchdog.admin.proto.AdminProto;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A client of the admin API, for the raftpool subcommands: each method is one call, made with the user's
 * credentials and a deadline, returning the records or throwing an {@link AdminCallException} that says why
 * it failed. Not thread-safe to close while calls are under way.
 */
public final class AdminClient implements AutoCloseable {

    private final String target;
    private final Duration deadline;
    private final ManagedChannel channel;
    private final AdminGrpc.AdminBlockingStub stub;

    private AdminClient(String host, int port, String user, char[] password, Duration deadline) {
        this.target = host + ":" + port;
        this.deadline = deadline;
        Metadata credentials = new Metadata();
        credentials.put(AdminMetadata.USER, user.getBytes(StandardCharsets.UTF_8));
        credentials.put(AdminMetadata.PASSWORD, utf8(password));
        try {
            this.channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().userAgent("raftpool").build();
        } catch (IllegalArgumentException e) {
            throw new AdminCallException(AdminCallException.Reason.UNREACHABLE, "invalid host \"" + host + "\": "
                    + e.getMessage());
        }
        this.stub = AdminGrpc.newBlockingStub(channel).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(credentials));
    }

    /**
     * A client of the admin API on {@code host:port}. Connects at the first call.
     *
     * @param user     the pcp.conf user
     * @param password its password; the client keeps a copy, and the caller may clear the array
     * @param deadline how long each call may take
     */
    public static AdminClient open(String host, int port, String user, char[] password, Duration deadline) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the deadline must be positive: " + deadline);
        }
        return new AdminClient(host, port, user, password, deadline);
    }

    /** The number of backends. */
    public int nodeCount() {
        return call(s -> s.nodeCount(AdminProto.NodeCountRequest.getDefaultInstance()).getNodeCount());
    }

    /** One backend, or every backend when {@code nodeId} is empty. */
    public List<NodeInfo> nodeInfo(OptionalInt nodeId) {
        AdminProto.NodeInfoRequest.Builder request = AdminProto.NodeInfoRequest.newBuilder();
        nodeId.ifPresent(request::setNodeId);
        return call(s -> s.nodeInfo(request.build()).getNodesList().stream().map(AdminMessages::fromMessage).toList());
    }

    /** Attaches a node; returns what raftpool says it did. */
    public String attachNode(int nodeId) {
        return call(s -> s.attachNode(AdminProto.AttachNodeRequest.newBuilder().setNodeId(nodeId).build()).getMessage());
    }

    /** Detaches a node; returns what raftpool says it did. */
    public String detachNode(int nodeId, boolean gracefully) {
        return call(s -> s.detachNode(AdminProto.DetachNodeRequest.newBuilder().setNodeId(nodeId)
                .setGracefully(gracefully).build()).getMessage());
    }

    /** Promotes a standby; returns what raftpool says it did. */
    public String promoteNode(int nodeId, boolean switchover) {
        return call(s -> s.promoteNode(AdminProto.PromoteNodeRequest.newBuilder().setNodeId(nodeId)
                .setSwitchover(switchover).build()).getMessage());
    }

    /** Recovers a detached node online; returns what raftpool says it did. */
    public String recoveryNode(int nodeId) {
        return call(s -> s.recoveryNode(AdminProto.RecoveryNodeRequest.newBuilder().setNodeId(nodeId).build())
                .getMessage());
    }

    /** Reloads the configuration; returns what took effect and what needs a restart. */
    public String reloadConfig() {
        return call(s -> s.reloadConfig(AdminProto.ReloadConfigRequest.getDefaultInstance()).getMessage());
    }

    /** Stops raftpool; returns what raftpool says. */
    public String stopPgpool(ClusterAdmin.StopMode mode) {
        return call(s -> s.stopPgpool(AdminProto.StopPgpoolRequest.newBuilder()
                .setMode(AdminMessages.toMessage(mode)).build()).getMessage());
    }

    /** The client sessions. */
    public List<ProcessInfo> procInfo() {
        return call(s -> s.procInfo(AdminProto.ProcInfoRequest.getDefaultInstance()).getProcessesList().stream()
                .map(AdminMessages::fromMessage).toList());
    }

    /** Health-check statistics of one backend, or of every backend when {@code nodeId} is empty. */
    public List<HealthCheckInfo> healthCheckStats(OptionalInt nodeId) {
        AdminProto.HealthCheckStatsRequest.Builder request = AdminProto.HealthCheckStatsRequest.newBuilder();
        nodeId.ifPresent(request::setNodeId);
        return call(s -> s.healthCheckStats(request.build()).getNodesList().stream().map(AdminMessages::fromMessage)
                .toList());
    }

    /** The watchdog cluster as the member called sees it. */
    public WatchdogInfo watchdogInfo() {
        return call(s -> AdminMessages.fromMessage(s.watchdogInfo(AdminProto.WatchdogInfoRequest.getDefaultInstance())));
    }

    /**
     * Calls {@code listener} with each cluster event as it comes, for {@code duration} (forever when empty);
     * throws an {@link AdminCallException} if the member goes away before.
     */
    public void watch(java.util.function.Consumer<ClusterEvent> listener, java.util.Optional<Duration> duration) {
        AdminGrpc.AdminBlockingStub s = duration.map(d -> stub.withDeadlineAfter(d.toMillis(), TimeUnit.MILLISECONDS))
                .orElse(stub);
        try {
            java.util.Iterator<AdminProto.ClusterEvent> events = s.watch(AdminProto.WatchRequest.getDefaultInstance());
            while (events.hasNext()) {
                listener.accept(AdminMessages.fromMessage(events.next()));
            }
        } catch (StatusRuntimeException e) {
            if (duration.isPresent() && e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                return;
            }
            throw failure(e);
        }
    }

    /** Closes the connection. */
    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T> T call(Function<AdminGrpc.AdminBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException e) {
            throw failure(e);
        }
    }

    private AdminCallException failure(StatusRuntimeException e) {
        Status status = e.getStatus();
        String description = status.getDescription() != null ? status.getDescription() : status.getCode().name();
        String kind = e.getTrailers() == null ? null : e.getTrailers().get(AdminMetadata.ERROR_KIND);
        if (kind != null) {
            return new AdminCallException(refusal(kind), description);
        }
        return switch (status.getCode()) {
            case UNAUTHENTICATED -> new AdminCallException(AdminCallException.Reason.AUTHENTICATION_FAILED, description);
            case DEADLINE_EXCEEDED -> new AdminCallException(AdminCallException.Reason.TIMED_OUT,
                    "no answer from " + target + " within " + show(deadline));
            case UNAVAILABLE -> unavailable(status, description);
            default -> new AdminCallException(AdminCallException.Reason.PROTOCOL,
                    target + " did not answer as raftpool's admin API does: " + status.getCode() + ": " + description);
        };
    }

    private AdminCallException unavailable(Status status, String description) {
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof ConnectException && message.contains("refused")) {
                return new AdminCallException(AdminCallException.Reason.CONNECTION_REFUSED,
                        "connection to " + target + " refused: is raftpool running?");
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return new AdminCallException(AdminCallException.Reason.UNREACHABLE,
                        "could not resolve the host of " + target);
            }
        }
        return new AdminCallException(AdminCallException.Reason.UNREACHABLE,
                "could not reach " + target + ": " + description);
    }

    private static AdminCallException.Reason refusal(String kind) {
        try {
            return switch (AdminException.Kind.valueOf(kind)) {
                case NOT_FOUND -> AdminCallException.Reason.NOT_FOUND;
                case INVALID -> AdminCallException.Reason.INVALID;
                case FAILED_PRECONDITION -> AdminCallException.Reason.FAILED_PRECONDITION;
                case UNAVAILABLE -> AdminCallException.Reason.UNAVAILABLE;
                case INTERNAL -> AdminCallException.Reason.INTERNAL;
            };
        } catch (IllegalArgumentException unknownToThisVersion) {
            return AdminCallException.Reason.INTERNAL;
        }
    }

    private static String show(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
