package io.raftpool.watchdog.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.raftpool.watchdog.admin.proto.AdminGrpc;
import io.raftpool.watchdog.admin.proto.AdminProto;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AdminAuthenticationTest {

    private AdminServerFixture fixture;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void start() throws Exception {
        log.start();
        root.addAppender(log);
        fixture = new AdminServerFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
        root.detachAppender(log);
    }

    @Test
    void theRightPasswordIsAccepted() {
        try (AdminClient client = fixture.client()) {
            assertEquals(2, client.nodeCount());
        }
        assertEquals(List.of("nodes"), fixture.admin.calls);
        assertTrue(log.list.stream().noneMatch(e -> e.getFormattedMessage().contains("authentication failed")));
    }

    @Test
    void aWrongPasswordIsRefusedNamingTheUserButNotThePassword() {
        AdminCallException e = refused(AdminServerFixture.USER, "wrong-Passw0rd");
        assertEquals("authentication failed for user \"admin\": user name and/or password does not match",
                e.getMessage());
        assertLoggedWithoutPassword("authentication failed for user \"admin\"", "wrong-Passw0rd");
    }

    @Test
    void anUnknownUserIsRefusedTheSameWay() {
        AdminCallException e = refused("mallory", AdminServerFixture.PASSWORD);
        assertEquals("authentication failed for user \"mallory\": user name and/or password does not match",
                e.getMessage());
        assertLoggedWithoutPassword("authentication failed for user \"mallory\"", AdminServerFixture.PASSWORD);
    }

    @Test
    void aCallWithoutCredentialsIsUnauthenticated() throws Exception {
        StatusRuntimeException e = rawCall(new Metadata());
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("authentication failed: no user name given", e.getStatus().getDescription());
        assertLoggedWithoutPassword("authentication failed: no user name given", AdminServerFixture.PASSWORD);
    }

    @Test
    void aUserWithoutAPasswordIsUnauthenticated() throws Exception {
        Metadata headers = new Metadata();
        headers.put(AdminMetadata.USER, "admin".getBytes(StandardCharsets.UTF_8));
        StatusRuntimeException e = rawCall(headers);
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("authentication failed for user \"admin\": no password given", e.getStatus().getDescription());
    }

    @Test
    void controlCharactersInAUserNameCannotForgeLogLines() {
        refused("eve\nERROR forged line", "x");
        assertTrue(log.list.stream().noneMatch(e -> e.getFormattedMessage().contains("\n")), log.list.toString());
        assertTrue(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains("eve\\u000aERROR forged line")),
                log.list.toString());
    }

    @Test
    void refusedCallsNeverReachTheClusterAdmin() {
        refused(AdminServerFixture.USER, "nope");
        assertEquals(List.of(), fixture.admin.calls);
    }

    private AdminCallException refused(String user, String password) {
        try (AdminClient client = fixture.client(user, password)) {
            AdminCallException e = assertThrows(AdminCallException.class, client::nodeCount);
            assertEquals(AdminCallException.Reason.AUTHENTICATION_FAILED, e.reason());
            assertFalse(e.getMessage().contains(password), e.getMessage());
            return e;
        }
    }

    private StatusRuntimeException rawCall(Metadata headers) throws InterruptedException {
        ManagedChannel channel = fixture.rawChannel();
        try {
            AdminGrpc.AdminBlockingStub stub = AdminGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, TimeUnit.SECONDS);
            return assertThrows(StatusRuntimeException.class,
                    () -> stub.nodeCount(AdminProto.NodeCountRequest.getDefaultInstance()));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private void assertLoggedWithoutPassword(String text, String password) {
        List<String> warnings = log.list.stream().filter(e -> e.getLoggerName().endsWith("PcpAuthInterceptor"))
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(text), warnings.get(0));
        assertTrue(warnings.get(0).contains("/127.0.0.1:"), "the peer address is logged: " + warnings.get(0));
        assertTrue(log.list.stream().noneMatch(e -> e.getFormattedMessage().contains(password)
                || (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null
                        && e.getThrowableProxy().getMessage().contains(password))), "the password was logged");
    }
}
