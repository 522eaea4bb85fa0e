package io.raftpool.watchdog.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.raftpool.watchdog.admin.proto.AdminGrpc;
import io.raftpool.watchdog.admin.proto.AdminProto;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How refusals and failures reach the caller: gRPC statuses on the wire, reasons in AdminClient. */
class AdminErrorsTest {

    private AdminServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new AdminServerFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest
    @CsvSource({
        "NOT_FOUND, NOT_FOUND, NOT_FOUND",
        "INVALID, INVALID_ARGUMENT, INVALID",
        "FAILED_PRECONDITION, FAILED_PRECONDITION, FAILED_PRECONDITION",
        "UNAVAILABLE, UNAVAILABLE, UNAVAILABLE",
        "INTERNAL, INTERNAL, INTERNAL"})
    void eachKindMapsToItsStatus(AdminException.Kind kind, Status.Code code, AdminCallException.Reason reason)
            throws Exception {
        fixture.admin.failure = new AdminException(kind, "refused: " + kind);
        // a command, failing through its future
        StatusRuntimeException async = rawCall(s -> s.attachNode(AdminProto.AttachNodeRequest.newBuilder()
                .setNodeId(1).build()));
        assertEquals(code, async.getStatus().getCode());
        assertEquals("refused: " + kind, async.getStatus().getDescription());
        // a query, failing by throwing
        StatusRuntimeException sync = rawCall(s -> s.procInfo(AdminProto.ProcInfoRequest.getDefaultInstance()));
        assertEquals(code, sync.getStatus().getCode());
        assertEquals("refused: " + kind, sync.getStatus().getDescription());

        try (AdminClient client = fixture.client()) {
            AdminCallException e = assertThrows(AdminCallException.class, () -> client.detachNode(0, false));
            assertEquals(reason, e.reason());
            assertEquals("refused: " + kind, e.getMessage());
            e = assertThrows(AdminCallException.class, () -> client.nodeInfo(OptionalInt.empty()));
            assertEquals(reason, e.reason());
        }
    }

    @Test
    void anUnexpectedExceptionIsInternal() {
        fixture.admin.failure = new IllegalStateException("boom");
        try (AdminClient client = fixture.client()) {
            AdminCallException e = assertThrows(AdminCallException.class, client::reloadConfig);
            assertEquals(AdminCallException.Reason.INTERNAL, e.reason());
            assertTrue(e.getMessage().startsWith("internal error in raftpool: java.lang.IllegalStateException: boom"),
                    e.getMessage());
        }
    }

    @Test
    void aCallWithNoAnswerEndsAtTheClientsDeadline() {
        fixture.admin.pending = new CompletableFuture<>();
        try (AdminClient client = AdminClient.open("127.0.0.1", fixture.port(), AdminServerFixture.USER,
                AdminServerFixture.PASSWORD.toCharArray(), Duration.ofMillis(300))) {
            AdminCallException e = assertThrows(AdminCallException.class, client::reloadConfig);
            assertEquals(AdminCallException.Reason.TIMED_OUT, e.reason());
            assertEquals("no answer from 127.0.0.1:" + fixture.port() + " within 300 ms", e.getMessage());
        }
    }

    @Test
    void nothingListeningIsConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (AdminClient client = AdminClient.open("127.0.0.1", port, "admin", "x".toCharArray(),
                Duration.ofSeconds(10))) {
            AdminCallException e = assertThrows(AdminCallException.class, client::nodeCount);
            assertEquals(AdminCallException.Reason.CONNECTION_REFUSED, e.reason());
            assertEquals("connection to 127.0.0.1:" + port + " refused: is raftpool running?", e.getMessage());
        }
    }

    @Test
    void aPortInUseIsAClearError() {
        AdminServer second = new AdminServer(fixture.admin, AdminServerFixture.users("a", "b"), "127.0.0.1",
                fixture.port());
        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + fixture.port() + " for the admin API: "),
                e.getMessage());
    }

    private StatusRuntimeException rawCall(java.util.function.Consumer<AdminGrpc.AdminBlockingStub> call)
            throws InterruptedException {
        ManagedChannel channel = fixture.rawChannel();
        try {
            Metadata headers = new Metadata();
            headers.put(AdminMetadata.USER, AdminServerFixture.USER.getBytes(StandardCharsets.UTF_8));
            headers.put(AdminMetadata.PASSWORD, AdminServerFixture.PASSWORD.getBytes(StandardCharsets.UTF_8));
            AdminGrpc.AdminBlockingStub stub = AdminGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            return assertThrows(StatusRuntimeException.class, () -> call.accept(stub));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
