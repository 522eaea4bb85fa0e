package io.raftpool.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.timeout.IdleStateHandler;
import io.raftpool.conf.BackendConfig;
import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.proxy.protocol.StartupDecoder;
import io.raftpool.proxy.session.ClientAuthentication;
import io.raftpool.proxy.session.ClientSession;
import io.raftpool.proxy.session.ProxyContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy: listens on listen_addresses:port and on the Unix socket in socket_dir, and serves every client
 * connection with a {@link ClientSession} on an event loop.
 */
public final class ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);

    private final Transport transport = Transport.best();
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final EventLoopGroup monitorLoop;
    private final ProxyContext context;
    private final BackendViewHolder view;
    private final ReplicationState replication = new ReplicationState();
    private final List<Channel> listeners = new ArrayList<>();
    private final List<SocketAddress> boundAddresses = new ArrayList<>();
    private Path unixSocket;
    private ReplicationMonitor monitor;

    private ProxyServer(Config config, ClientAuthentication authentication, int threads) {
        this.acceptors = transport.eventLoopGroup(1, "raftpool-accept");
        this.workers = transport.eventLoopGroup(threads, "raftpool-io");
        this.monitorLoop = transport.eventLoopGroup(1, "raftpool-monitor");
        this.view = new BackendViewHolder(initialView(config));
        this.context = new ProxyContext(config, transport, view, replication, authentication, threads);
    }

    /**
     * Starts the proxy: finds the primary, then listens.
     *
     * @param passwords where the sr_check user's password comes from
     */
    public static ProxyServer start(Config config, ClientAuthentication authentication, PasswordSource passwords)
            throws IOException, InterruptedException {
        ProxyServer server = create(config, authentication, passwords);
        try {
            server.listen();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Prepares the proxy and finds the primary, without listening yet: the caller may first replace the
     * backend view (with the replicated state), then calls {@link #listen()}.
     */
    public static ProxyServer create(Config config, ClientAuthentication authentication, PasswordSource passwords)
            throws InterruptedException {
        ProxyServer server = new ProxyServer(config, authentication, ioThreads(config));
        try {
            server.findPrimary(config, passwords);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * io_threads, or half the CPUs: a proxy thread spends most of its time in the kernel's TCP code, and on
     * a small machine a second busy event loop costs more in context switches than it gains.
     */
    static int ioThreads(Config config) {
        int configured = config.get(Params.IO_THREADS);
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    static BackendView initialView(Config config) {
        Instant now = Instant.now();
        List<BackendNode> nodes = new ArrayList<>();
        for (BackendConfig b : config.backends()) {
            nodes.add(new BackendNode(b.id(), b.hostname(), b.port(), b.weight(), BackendStatus.UP,
                    b.isAlwaysPrimary() ? BackendRole.PRIMARY : BackendRole.STANDBY, now));
        }
        return new BackendView(nodes);
    }

    private void findPrimary(Config config, PasswordSource passwords) throws InterruptedException {
        Map<Integer, String> appNames = new LinkedHashMap<>();
        config.backends().forEach(b -> appNames.put(b.id(), b.applicationName()));
        monitor = new ReplicationMonitor(transport, monitorLoop.next(), context::settings, view,
                replication, passwords, appNames);
        try {
            monitor.start().get(Math.max(5, context.settings().connectTimeout().toSeconds() + 1), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("the first streaming-replication check did not finish: {}", e.toString());
        }
        if (view.current().primary().isEmpty()) {
            LOG.warn("no primary found among the backends; sessions will use the first reachable node");
        }
    }

    /** Starts accepting clients on listen_addresses:port and the Unix socket. */
    public void listen() throws IOException, InterruptedException {
        ProxySettings s = context.settings();
        for (String address : s.listenAddresses()) {
            InetSocketAddress at = address.equals("*") ? new InetSocketAddress(s.port())
                    : new InetSocketAddress(address, s.port());
            bind(false, at);
        }
        if (!s.socketDir().isEmpty() && !transport.supportsUnixSockets()) {
            LOG.warn("not listening on a Unix socket in socket_dir {}: the {} transport has none", s.socketDir(),
                    transport);
        }
        if (!s.socketDir().isEmpty() && transport.supportsUnixSockets()) {
            unixSocket = Path.of(s.socketDir(), ".s.PGSQL." + s.port());
            removeStaleSocket(unixSocket);
            bind(true, new DomainSocketAddress(unixSocket.toString()));
            unixSocket.toFile().setWritable(true, false);
            unixSocket.toFile().setReadable(true, false);
        }
        if (listeners.isEmpty()) {
            throw new IOException("nothing to listen on: listen_addresses is empty and there is no socket_dir");
        }
    }

    private void bind(boolean unixSocket, SocketAddress at)
            throws IOException, InterruptedException {
        ProxySettings s = context.settings();
        ServerBootstrap b = transport.serverBootstrap(unixSocket).group(acceptors, workers)
                .option(ChannelOption.SO_BACKLOG, Math.max(128, s.numInitChildren() * 2))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ProxySettings now = context.settings();
                        ch.pipeline().addLast("startup", new StartupDecoder(now.maxStartupPacketSize()));
                        if (!now.clientIdleLimit().isZero()) {
                            ch.pipeline().addLast("idle", new IdleStateHandler(now.clientIdleLimit().toMillis(), 0, 0,
                                    TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline().addLast("session", new ClientSession(context));
                    }
                });
        if (at instanceof InetSocketAddress) {
            b.option(ChannelOption.SO_REUSEADDR, true).childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true);
        }
        try {
            Channel ch = b.bind(at).sync().channel();
            listeners.add(ch);
            boundAddresses.add(ch.localAddress());
            LOG.info("listening on {} ({} transport)", describe(ch.localAddress()), transport);
        } catch (Exception e) {
            throw new IOException("could not listen on " + describe(at) + ": " + e.getMessage(), e);
        }
    }

    private static void removeStaleSocket(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            throw new IOException("another server is already listening on " + socket);
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("another server")) {
                throw e;
            }
            Files.deleteIfExists(socket);
        }
    }

    private static String describe(SocketAddress a) {
        if (a instanceof DomainSocketAddress d) {
            return "Unix socket " + d.path();
        }
        if (a instanceof InetSocketAddress i) {
            return i.getAddress() == null ? i.getHostString() + ":" + i.getPort()
                    : i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    /** The addresses actually listened on (TCP ports resolved). */
    public List<SocketAddress> boundAddresses() {
        return List.copyOf(boundAddresses);
    }

    public ProxyContext context() {
        return context;
    }

    public BackendViewHolder view() {
        return view;
    }

    /** The streaming-replication check, for probing nodes during a failover. */
    public ReplicationMonitor replicationMonitor() {
        return monitor;
    }

    /** An event loop for background work (health check, probes). */
    public io.netty.channel.EventLoop backgroundLoop() {
        return monitorLoop.next();
    }

    public Transport transport() {
        return transport;
    }

    /**
     * A node left the pool (failed over, detached): its cached connections are closed, and sessions whose
     * primary it was end with 57P01, as Pgpool-II restarts its children after a primary failover.
     */
    public void dropNode(int nodeId, boolean wasPrimary) {
        workers.forEach(loop -> loop.execute(() -> context.pool((io.netty.channel.EventLoop) loop).closeNode(nodeId)));
        if (wasPrimary) {
            for (var s : context.sessions().sessions()) {
                s.terminate();
            }
        }
    }

    /** Smart shutdown's first step: no new clients; sessions under way go on. */
    public void stopListening() {
        for (Channel l : listeners) {
            l.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    /** Stops listening, ends every session and closes every backend connection. */
    @Override
    public void close() {
        for (Channel l : listeners) {
            l.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        for (var s : context.sessions().sessions()) {
            s.terminate();
        }
        workers.forEach(loop -> loop.execute(() -> context.pool(
                (io.netty.channel.EventLoop) loop).closeAll()));
        Duration quiet = Duration.ofMillis(100);
        acceptors.shutdownGracefully(0, quiet.toMillis(), TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(quiet.toMillis(), 5000, TimeUnit.MILLISECONDS).awaitUninterruptibly(10,
                TimeUnit.SECONDS);
        monitorLoop.shutdownGracefully(0, quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (unixSocket != null) {
            try {
                Files.deleteIfExists(unixSocket);
            } catch (IOException e) {
                LOG.debug("could not remove {}", unixSocket, e);
            }
        }
        LOG.info("raftpool proxy stopped");
    }
}
