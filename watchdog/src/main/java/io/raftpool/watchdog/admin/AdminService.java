package io.raftpool.watchdog.admin;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.raftpool.watchdog.admin.proto.AdminGrpc;
import io.raftpool.watchdog.admin.proto.AdminProto;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC Admin service over a {@link ClusterAdmin}: checks arguments, calls it, and turns its records into
 * messages and its {@link AdminException}s into statuses. Callers are authenticated before they get here.
 */
final class AdminService extends AdminGrpc.AdminImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);

    private final ClusterAdmin admin;

    AdminService(ClusterAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void nodeCount(AdminProto.NodeCountRequest request,
            StreamObserver<AdminProto.NodeCountResponse> reply) {
        answer(reply, () -> AdminProto.NodeCountResponse.newBuilder().setNodeCount(admin.nodes().size()).build());
    }

    @Override
    public void nodeInfo(AdminProto.NodeInfoRequest request, StreamObserver<AdminProto.NodeInfoResponse> reply) {
        answer(reply, () -> {
            List<NodeInfo> nodes = admin.nodes();
            if (request.hasNodeId()) {
                int id = nodeId(request.getNodeId());
                nodes = nodes.stream().filter(n -> n.id() == id).toList();
                if (nodes.isEmpty()) {
                    throw noSuchNode(id);
                }
            }
            AdminProto.NodeInfoResponse.Builder b = AdminProto.NodeInfoResponse.newBuilder();
            nodes.forEach(n -> b.addNodes(AdminMessages.toMessage(n)));
            return b.build();
        });
    }

    @Override
    public void attachNode(AdminProto.AttachNodeRequest request, StreamObserver<AdminProto.CommandResponse> reply) {
        command(reply, () -> admin.attach(nodeId(request.getNodeId())));
    }

    @Override
    public void detachNode(AdminProto.DetachNodeRequest request, StreamObserver<AdminProto.CommandResponse> reply) {
        command(reply, () -> admin.detach(nodeId(request.getNodeId()), request.getGracefully()));
    }

    @Override
    public void promoteNode(AdminProto.PromoteNodeRequest request,
            StreamObserver<AdminProto.CommandResponse> reply) {
        command(reply, () -> admin.promote(nodeId(request.getNodeId()), request.getSwitchover()));
    }

    @Override
    public void recoveryNode(AdminProto.RecoveryNodeRequest request,
            StreamObserver<AdminProto.CommandResponse> reply) {
        command(reply, () -> admin.recover(nodeId(request.getNodeId())));
    }

    @Override
    public void reloadConfig(AdminProto.ReloadConfigRequest request,
            StreamObserver<AdminProto.CommandResponse> reply) {
        command(reply, admin::reload);
    }

    @Override
    public void stopPgpool(AdminProto.StopPgpoolRequest request, StreamObserver<AdminProto.CommandResponse> reply) {
        command(reply, () -> admin.stop(AdminMessages.fromMessage(request.getMode())));
    }

    @Override
    public void procInfo(AdminProto.ProcInfoRequest request, StreamObserver<AdminProto.ProcInfoResponse> reply) {
        answer(reply, () -> {
            AdminProto.ProcInfoResponse.Builder b = AdminProto.ProcInfoResponse.newBuilder();
            admin.processes().forEach(p -> b.addProcesses(AdminMessages.toMessage(p)));
            return b.build();
        });
    }

    @Override
    public void healthCheckStats(AdminProto.HealthCheckStatsRequest request,
            StreamObserver<AdminProto.HealthCheckStatsResponse> reply) {
        answer(reply, () -> {
            List<HealthCheckInfo> stats = admin.healthCheckStats();
            if (request.hasNodeId()) {
                int id = nodeId(request.getNodeId());
                stats = stats.stream().filter(h -> h.nodeId() == id).toList();
                if (stats.isEmpty()) {
                    throw noSuchNode(id);
                }
            }
            AdminProto.HealthCheckStatsResponse.Builder b = AdminProto.HealthCheckStatsResponse.newBuilder();
            stats.forEach(h -> b.addNodes(AdminMessages.toMessage(h)));
            return b.build();
        });
    }

    @Override
    public void watchdogInfo(AdminProto.WatchdogInfoRequest request,
            StreamObserver<AdminProto.WatchdogInfoResponse> reply) {
        answer(reply, () -> AdminMessages.toMessage(admin.watchdogInfo()));
    }

    /** Streams events until the caller cancels; a caller that reads too slowly loses events, never blocks us. */
    @Override
    public void watch(AdminProto.WatchRequest request, StreamObserver<AdminProto.ClusterEvent> reply) {
        io.grpc.stub.ServerCallStreamObserver<AdminProto.ClusterEvent> stream =
                (io.grpc.stub.ServerCallStreamObserver<AdminProto.ClusterEvent>) reply;
        AutoCloseable subscription = admin.watch(e -> {
            synchronized (stream) {
                if (stream.isCancelled()) {
                    throw new IllegalStateException("the watcher went away");
                }
                stream.onNext(AdminMessages.toMessage(e));
            }
        });
        stream.setOnCancelHandler(() -> {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("closing a watch: {}", e.toString());
            }
        });
    }

    private static int nodeId(int id) {
        if (id < 0) {
            throw new AdminException(AdminException.Kind.INVALID, "invalid node id " + id + ": it cannot be negative");
        }
        return id;
    }

    private static AdminException noSuchNode(int id) {
        return new AdminException(AdminException.Kind.NOT_FOUND, "node id " + id + " does not exist");
    }

    /** Answers with what {@code work} computes now, or with the status its failure maps to. */
    private static <T> void answer(StreamObserver<T> reply, Supplier<T> work) {
        T value;
        try {
            value = work.get();
        } catch (RuntimeException e) {
            reply.onError(failure(e));
            return;
        }
        reply.onNext(value);
        reply.onCompleted();
    }

    /** Answers when the command's future completes, with its message or the status its failure maps to. */
    private static void command(StreamObserver<AdminProto.CommandResponse> reply,
            Supplier<CompletableFuture<String>> work) {
        CompletableFuture<String> future;
        try {
            future = Objects.requireNonNull(work.get(), "the command gave no result");
        } catch (RuntimeException e) {
            reply.onError(failure(e));
            return;
        }
        future.whenComplete((message, error) -> {
            if (error != null) {
                reply.onError(failure(error));
            } else {
                reply.onNext(AdminProto.CommandResponse.newBuilder().setMessage(message == null ? "" : message).build());
                reply.onCompleted();
            }
        });
    }

    /** The status a failure maps to: an AdminException's kind and message, anything else INTERNAL. */
    static StatusRuntimeException failure(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        Metadata trailers = new Metadata();
        if (cause instanceof AdminException refusal) {
            trailers.put(AdminMetadata.ERROR_KIND, refusal.kind().name());
            Status status = switch (refusal.kind()) {
                case NOT_FOUND -> Status.NOT_FOUND;
                case INVALID -> Status.INVALID_ARGUMENT;
                case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
                case UNAVAILABLE -> Status.UNAVAILABLE;
                case INTERNAL -> Status.INTERNAL;
            };
            return status.withDescription(refusal.getMessage()).asRuntimeException(trailers);
        }
        LOG.error("admin API: a request failed unexpectedly", cause);
        trailers.put(AdminMetadata.ERROR_KIND, AdminException.Kind.INTERNAL.name());
        return Status.INTERNAL.withDescription("internal error in raftpool: " + cause
                + " (the raftpool log has the details)").asRuntimeException(trailers);
    }
}
