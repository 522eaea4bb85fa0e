package io.raftpool.watchdog.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What is not gRPC, sent to the admin port, gets its connection closed and leaves the server serving. */
class AdminGarbageTest {
    /** A deadline for the server to close a bad connection; it does so at once. */
    private static final int CLOSE_DEADLINE_MILLIS = 30_000;

    private AdminServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new AdminServerFixture();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void randomBytesGetTheConnectionClosed() throws IOException {
        byte[] junk = new byte[4096];
        new Random(20240501).nextBytes(junk);
        junk[0] = 'X'; // not the 'P' of the HTTP/2 preface
        assertClosedAfterSending(junk);
        assertStillServing();
    }

    @Test
    void anHttp1RequestGetsTheConnectionClosed() throws IOException {
        assertClosedAfterSending("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertStillServing();
    }

    @Test
    void aPgpoolPcpPacketGetsTheConnectionClosed() throws IOException {
        // what pcp_node_count sends first: 'M' (ask for a salt) and a length of 4
        assertClosedAfterSending(new byte[] {'M', 0, 0, 0, 4});
        assertStillServing();
    }

    @Test
    void aConnectionThatStopsHalfwayDoesNotHoldUpOthers() throws IOException {
        try (Socket s = new Socket("127.0.0.1", fixture.port())) {
            s.getOutputStream().write("PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            assertStillServing();
        }
    }

    private void assertClosedAfterSending(byte[] bytes) throws IOException {
        try (Socket s = new Socket("127.0.0.1", fixture.port())) {
            s.setSoTimeout(CLOSE_DEADLINE_MILLIS);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            assertTrue(readsToTheEnd(s.getInputStream()), "the server did not close the connection");
        }
    }

    /** Reads until the server closes (end of stream or a reset); false when it keeps the connection open. */
    private static boolean readsToTheEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // what the server sends before closing (a GOAWAY frame) is of no interest
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    private void assertStillServing() {
        try (AdminClient client = fixture.client()) {
            assertEquals(2, client.nodeCount());
        }
    }
}
