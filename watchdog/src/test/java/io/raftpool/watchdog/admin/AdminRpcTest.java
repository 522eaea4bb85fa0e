package io.raftpool.watchdog.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.raftpool.watchdog.admin.proto.AdminGrpc;
import io.raftpool.watchdog.admin.proto.AdminProto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each RPC, through AdminClient and a real server: the arguments reach the ClusterAdmin and every field comes back. */
class AdminRpcTest {

    private AdminServerFixture fixture;
    private AdminClient client;

    @BeforeEach
    void start() throws Exception {
        fixture = new AdminServerFixture();
        client = fixture.client();
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
    }

    private List<String> calls() {
        return fixture.admin.calls;
    }

    @Test
    void nodeCount() {
        assertEquals(2, client.nodeCount());
        fixture.admin.nodes = List.of();
        assertEquals(0, client.nodeCount());
    }

    @Test
    void nodeInfoOfEveryNodeKeepsEveryField() {
        assertEquals(List.of(FakeClusterAdmin.NODE0, FakeClusterAdmin.NODE1), client.nodeInfo(OptionalInt.empty()));
    }

    @Test
    void nodeInfoOfOneNode() {
        assertEquals(List.of(FakeClusterAdmin.NODE1), client.nodeInfo(OptionalInt.of(1)));
        assertEquals(List.of("nodes"), calls());
    }

    @Test
    void nodeInfoOfAnUnknownNodeIsNotFound() {
        AdminCallException e = assertThrows(AdminCallException.class, () -> client.nodeInfo(OptionalInt.of(7)));
        assertEquals(AdminCallException.Reason.NOT_FOUND, e.reason());
        assertEquals("node id 7 does not exist", e.getMessage());
    }

    @Test
    void aNegativeNodeIdIsInvalid() {
        AdminCallException e = assertThrows(AdminCallException.class, () -> client.attachNode(-1));
        assertEquals(AdminCallException.Reason.INVALID, e.reason());
        assertEquals("invalid node id -1: it cannot be negative", e.getMessage());
        assertEquals(List.of(), calls());
    }

    @Test
    void attachNode() {
        assertEquals("node 1 attached", client.attachNode(1));
        assertEquals(List.of("attach 1"), calls());
    }

    @Test
    void detachNode() {
        assertEquals("node 1 detached", client.detachNode(1, false));
        assertEquals("node 0 detached", client.detachNode(0, true));
        assertEquals(List.of("detach 1 gracefully=false", "detach 0 gracefully=true"), calls());
    }

    @Test
    void promoteNode() {
        assertEquals("node 1 promoted", client.promoteNode(1, true));
        client.promoteNode(2, false);
        assertEquals(List.of("promote 1 switchover=true", "promote 2 switchover=false"), calls());
    }

    @Test
    void recoveryNode() {
        assertEquals("node 1 recovered", client.recoveryNode(1));
        assertEquals(List.of("recover 1"), calls());
    }

    @Test
    void reloadConfig() {
        assertEquals("reloaded; port needs a restart", client.reloadConfig());
        assertEquals(List.of("reload"), calls());
    }

    @ParameterizedTest
    @EnumSource(ClusterAdmin.StopMode.class)
    void stopPgpoolInEachMode(ClusterAdmin.StopMode mode) {
        assertEquals("stopping (" + mode + ")", client.stopPgpool(mode));
        assertEquals(List.of("stop " + mode), calls());
    }

    @Test
    void anUnspecifiedStopModeIsSmartAsInPcpStopPgpool() throws Exception {
        ManagedChannel channel = fixture.rawChannel();
        try {
            Metadata headers = new Metadata();
            headers.put(AdminMetadata.USER, AdminServerFixture.USER.getBytes(StandardCharsets.UTF_8));
            headers.put(AdminMetadata.PASSWORD, AdminServerFixture.PASSWORD.getBytes(StandardCharsets.UTF_8));
            AdminGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .stopPgpool(AdminProto.StopPgpoolRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        assertEquals(List.of("stop SMART"), calls());
    }

    @Test
    void procInfoKeepsEveryField() {
        assertEquals(List.of(FakeClusterAdmin.SESSION), client.procInfo());
        fixture.admin.processes = List.of();
        assertEquals(List.of(), client.procInfo());
    }

    @Test
    void healthCheckStatsOfEveryNodeKeepEveryField() {
        assertEquals(List.of(FakeClusterAdmin.STATS0, FakeClusterAdmin.STATS1),
                client.healthCheckStats(OptionalInt.empty()));
    }

    @Test
    void healthCheckStatsOfOneNode() {
        assertEquals(List.of(FakeClusterAdmin.STATS0), client.healthCheckStats(OptionalInt.of(0)));
        AdminCallException e = assertThrows(AdminCallException.class, () -> client.healthCheckStats(OptionalInt.of(5)));
        assertEquals(AdminCallException.Reason.NOT_FOUND, e.reason());
    }

    @Test
    void nullStringsFromAnImplementationArriveEmpty() {
        fixture.admin.processes = List.of(new ProcessInfo(1, "db", "u", "2024-01-01 00:00:00", "Idle", 0, null));
        assertEquals(List.of(new ProcessInfo(1, "db", "u", "2024-01-01 00:00:00", "Idle", 0, "")), client.procInfo());
    }
}
