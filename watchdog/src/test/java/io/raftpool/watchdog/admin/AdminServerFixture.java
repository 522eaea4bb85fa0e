package io.raftpool.watchdog.admin;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.raftpool.conf.pcp.PcpConfFile;
import io.raftpool.conf.pcp.PcpUsers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** A real admin server on a free 127.0.0.1 port over a {@link FakeClusterAdmin}, with pcp.conf user admin. */
final class AdminServerFixture implements AutoCloseable {
    static final String USER = "admin";
    static final String PASSWORD = "s3cret-Pa55";

    final FakeClusterAdmin admin = new FakeClusterAdmin();
    final AdminServer server;

    AdminServerFixture() throws IOException {
        server = new AdminServer(admin, users(USER, PASSWORD), "127.0.0.1", 0).start();
    }

    static PcpUsers users(String user, String password) {
        return PcpConfFile.parse(user + ":" + md5(password) + "\n", Path.of("pcp.conf")).orThrow();
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    int port() {
        return server.port();
    }

    AdminClient client() {
        return client(USER, PASSWORD);
    }

    AdminClient client(String user, String password) {
        return AdminClient.open("127.0.0.1", port(), user, password.toCharArray(), Duration.ofSeconds(30));
    }

    /** A plain channel with no credentials, for calls made with the generated stubs directly. */
    ManagedChannel rawChannel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().build();
    }

    @Override
    public void close() {
        server.stop();
    }
}
