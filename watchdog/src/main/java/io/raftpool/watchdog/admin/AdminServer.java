package io.raftpool.watchdog.admin;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import io.raftpool.conf.pcp.PcpUsers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API: a gRPC server on one address and port (pcp_port) serving a {@link ClusterAdmin} to callers
 * who give a pcp.conf user name and password with every call.
 *
 * <pre>
 *   new --start()--> serving --stop()/close()--> stopped
 * </pre>
 *
 * A connection that does not speak HTTP/2 (random bytes, an HTTP/1 request) is closed by the transport; one
 * that connects and says nothing is closed after {@link #HANDSHAKE_TIMEOUT}. Neither holds up other callers.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    /** The host the admin API listens on when pgpool.conf names none. */
    public static final String DEFAULT_HOST = "localhost";
    /** How long a new connection has to send the HTTP/2 preface and settings. */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** How long an idle connection is kept. */
    static final Duration MAX_CONNECTION_IDLE = Duration.ofMinutes(5);
    /** Admin requests are a few bytes; anything larger is refused before it is parsed. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 64 * 1024;
    /** How long {@link #stop()} lets calls under way finish before cutting them off. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final ClusterAdmin admin;
    private final Supplier<PcpUsers> users;
    private final String host;
    private final int port;
    private Server server;
    private int boundPort;

    /**
     * A server not yet listening.
     *
     * @param admin what the calls act on
     * @param users the pcp.conf users, asked for at every call so that a reloaded pcp.conf takes effect
     * @param host  the address to listen on, a host name or IP address, or {@code "*"} for every address
     * @param port  the port, or 0 for any free port (see {@link #port()})
     */
    public AdminServer(ClusterAdmin admin, Supplier<PcpUsers> users, String host, int port) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.users = Objects.requireNonNull(users, "users");
        this.host = Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0 to 65535");
        }
        this.port = port;
    }

    /** A server for fixed pcp.conf users. */
    public AdminServer(ClusterAdmin admin, PcpUsers users, String host, int port) {
        this(admin, constant(Objects.requireNonNull(users, "users")), host, port);
    }

    /** A server on {@link #DEFAULT_HOST}. */
    public AdminServer(ClusterAdmin admin, PcpUsers users, int port) {
        this(admin, users, DEFAULT_HOST, port);
    }

    private static Supplier<PcpUsers> constant(PcpUsers users) {
        return () -> users;
    }

    /**
     * Starts listening.
     *
     * @return this server
     * @throws IOException           when the address cannot be bound; the message names it
     * @throws IllegalStateException when already started
     */
    public synchronized AdminServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("the admin server was already started");
        }
        InetSocketAddress address = host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot listen on " + host + ":" + port + " for the admin API: unknown host");
        }
        Server s = NettyServerBuilder.forAddress(address)
                .addService(ServerInterceptors.intercept(new AdminService(admin), new PcpAuthInterceptor(users)))
                .handshakeTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionIdle(MAX_CONNECTION_IDLE.toMillis(), TimeUnit.MILLISECONDS)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .build();
        try {
            s.start();
        } catch (IOException e) {
            throw new IOException("cannot listen on " + host + ":" + port + " for the admin API: " + rootMessage(e), e);
        }
        server = s;
        boundPort = s.getPort();
        LOG.info("admin API listening on {}:{}", host, port());
        return this;
    }

    /** The port listened on: the one asked for, or the one chosen when that was 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the admin server is not started");
        }
        return boundPort;
    }

    /**
     * Stops listening; calls under way get {@link #STOP_GRACE} to finish, then are cancelled. Returns when the
     * server has terminated. Does nothing when not started or already stopped.
     */
    public synchronized void stop() {
        if (server == null || server.isShutdown()) {
            return;
        }
        server.shutdown();
        try {
            if (!server.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
                server.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("admin API on {}:{} stopped", host, boundPort);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
