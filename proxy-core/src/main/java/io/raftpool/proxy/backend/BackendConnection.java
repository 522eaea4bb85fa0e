package io.raftpool.proxy.backend;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.Timeouts;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.protocol.AnswerEnd;
import io.raftpool.proxy.protocol.FrameDecoder;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.GatheringWriter;
import io.raftpool.proxy.protocol.Messages;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a backend, living on one event loop (the loop of the client session using it), so its
 * state needs no locks.
 *
 * <pre>
 *   CONNECTING --StartupMessage--> AUTHENTICATING --ReadyForQuery--> READY --close--> CLOSED
 * </pre>
 * Once READY, every frame the backend sends goes to the current {@link Receiver} (a client session, or the
 * pool while it resets the connection). The transaction status of the last ReadyForQuery is tracked.
 */
public final class BackendConnection {

    private static final Logger LOG = LoggerFactory.getLogger(BackendConnection.class);

    /** Who gets the backend's frames once it is ready. */
    public interface Receiver {
        /**
         * A whole message, or for a receiver that {@link #takesPassThroughRuns() takes them} a run of
         * {@link FrameDecoder#isPassThrough(byte) pass-through} messages; the receiver owns it and must release it.
         */
        void onBackendFrame(BackendConnection backend, ByteBuf frame);

        /** True when the receiver only forwards pass-through messages, so runs of them may come as one frame. */
        default boolean takesPassThroughRuns() {
            return false;
        }

        /**
         * For a receiver that takes runs: the end of an answer, a run and its ReadyForQuery together; the
         * receiver owns it. By default each message goes to {@link #onBackendFrame} on its own.
         */
        default void onBackendAnswerEnd(BackendConnection backend, AnswerEnd answer) {
            answer.split(frame -> onBackendFrame(backend, frame));
        }

        /** The backend's socket has no more bytes for now: a good moment to flush. */
        default void onBackendReadComplete(BackendConnection backend) {
        }

        /** The connection closed; cause is null for an orderly close. */
        void onBackendClosed(BackendConnection backend, Throwable cause);
    }

    private final BackendNode node;
    private final Channel channel;
    private final GatheringWriter out;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final long createdNanos = System.nanoTime();
    private int processId;
    private int secretKey;
    private char transactionStatus = 'I';
    private Receiver receiver;
    private boolean ready;
    private long idleSinceNanos = System.nanoTime();
    private int sessionsServed;

    private BackendConnection(BackendNode node, Channel channel) {
        this.node = node;
        this.channel = channel;
        this.out = new GatheringWriter(channel);
    }

    /**
     * Connects, starts up and authenticates, all of it within {@code connectTimeout}: a backend that accepts the
     * connection but never answers (a stopped postmaster) is given up too.
     *
     * @param loop           the event loop the connection will live on
     * @param connectTimeout connect_timeout; zero waits as long as the operating system does, as in Pgpool-II
     * @return completes with the ready connection, or exceptionally with a {@link PgException} to show the client
     */
    public static CompletableFuture<BackendConnection> open(Transport transport, EventLoop loop, BackendNode node,
            Map<String, String> startupParams, BackendCredentials credentials, Duration connectTimeout,
            int maxMessageSize) {
        return open(transport, loop, node, startupParams, credentials, connectTimeout, connectTimeout, maxMessageSize);
    }

    /**
     * Connects, starts up and authenticates.
     *
     * @param loop           the event loop the connection will live on
     * @param connectTimeout the TCP connect's limit (connect_timeout; zero: as long as the operating system waits)
     * @param startupTimeout the limit for all of it, connect, startup and authentication; zero: none (for a caller
     *                       that bounds the attempt itself, as the health check does with health_check_timeout)
     * @return completes with the ready connection, or exceptionally with a {@link PgException} to show the client
     */
    public static CompletableFuture<BackendConnection> open(Transport transport, EventLoop loop, BackendNode node,
            Map<String, String> startupParams, BackendCredentials credentials, Duration connectTimeout,
            Duration startupTimeout, int maxMessageSize) {
        CompletableFuture<BackendConnection> result = new CompletableFuture<>();
        String label = "backend " + node.id() + " (" + node.host() + ":" + node.port() + ")";
        long connectMillis = millis(connectTimeout);
        long timeoutMillis = millis(startupTimeout);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Bootstrap b = transport.bootstrap(node.isUnixSocket()).group(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectMillis)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("frames", new FrameDecoder(maxMessageSize));
                    }
                });
        if (!node.isUnixSocket()) {
            b.option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.SO_KEEPALIVE, true);
        }
        ChannelFuture connect = b.connect(node.address());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(PgException.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION,
                        "could not connect to " + label + ": " + f.cause().getMessage()));
                return;
            }
            BackendConnection conn = new BackendConnection(node, connect.channel());
            ((FrameDecoder) connect.channel().pipeline().get("frames")).passThroughRunsWhen(conn::passThroughRuns);
            connect.channel().pipeline().addLast("backend",
                    conn.new Handler(result, new BackendAuthenticator(credentials, label)));
            connect.channel().writeAndFlush(Messages.startupMessage(connect.channel().alloc(), startupParams));
            if (timeoutMillis > 0) {
                giveUpStartupAt(connect.channel(), deadline, timeoutMillis, label, result);
            }
        });
        return result;
    }

    /** A timeout in whole milliseconds, at least 1 unless zero, at most Integer.MAX_VALUE. */
    private static long millis(Duration timeout) {
        return timeout.isZero() ? 0 : Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }

    /** Closes a connection whose startup and authentication are not over by the deadline. */
    private static void giveUpStartupAt(Channel channel, long deadline, long timeoutMillis, String label,
            CompletableFuture<BackendConnection> result) {
        Timeouts.failAfter(channel.eventLoop(), result, deadline - System.nanoTime(),
                () -> PgException.fatal(SqlState.SQLCLIENT_UNABLE_TO_ESTABLISH_SQLCONNECTION, label
                        + " accepted the connection but did not finish its startup within " + timeoutMillis
                        + " ms (connect_timeout)"), channel::close);
    }

    public BackendNode node() {
        return node;
    }

    public Channel channel() {
        return channel;
    }

    /** The ParameterStatus values the backend reported at startup and since. */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(parameters);
    }

    public int processId() {
        return processId;
    }

    public int secretKey() {
        return secretKey;
    }

    /** 'I', 'T' or 'E' from the last ReadyForQuery. */
    public char transactionStatus() {
        return transactionStatus;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    private boolean passThroughRuns() {
        Receiver r = receiver;
        return ready && r != null && r.takesPassThroughRuns();
    }

    public void receiver(Receiver r) {
        this.receiver = r;
    }

    public Receiver receiver() {
        return receiver;
    }

    public long idleNanos() {
        return System.nanoTime() - idleSinceNanos;
    }

    /** Notes that the connection went back to the pool. */
    public void markIdle() {
        idleSinceNanos = System.nanoTime();
    }

    /** How many client sessions have used this connection. */
    public int sessionsServed() {
        return sessionsServed;
    }

    /** Counts one more session using this connection. */
    public void countSession() {
        sessionsServed++;
    }

    /** Queues a message without sending it; the connection takes ownership of the frame. */
    public void write(ByteBuf frame) {
        out.write(frame);
    }

    /** Sends the queued messages. */
    public void flush() {
        out.flush();
    }

    /** Sends Terminate and closes. */
    public void terminate() {
        if (channel.isActive()) {
            out.emit();
            channel.writeAndFlush(Messages.empty(channel.alloc(), Frames.TERMINATE)).addListener(f -> channel.close());
        } else {
            out.discard();
        }
    }

    /** Runs a query with the simple protocol, for the proxy's own purposes (reset, checks). */
    public CompletableFuture<SimpleQueryResult> query(String sql) {
        SimpleQueryCollector collector = new SimpleQueryCollector(this, receiver);
        receiver = collector;
        out.write(Messages.query(channel.alloc(), sql));
        out.flush();
        return collector.result();
    }

    @Override
    public String toString() {
        return "backend " + node.id() + " pid " + processId;
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<BackendConnection> startup;
        private final BackendAuthenticator authenticator;

        Handler(CompletableFuture<BackendConnection> startup, BackendAuthenticator authenticator) {
            this.startup = startup;
            this.authenticator = authenticator;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof AnswerEnd answer) {
                // only once READY, for a receiver that takes runs
                transactionStatus = answer.status();
                Receiver r = receiver;
                if (r != null) {
                    r.onBackendAnswerEnd(BackendConnection.this, answer);
                } else {
                    answer.split(frame -> frame(ctx, frame));
                }
                return;
            }
            frame(ctx, (ByteBuf) msg);
        }

        private void frame(ChannelHandlerContext ctx, ByteBuf frame) {
            byte type = Frames.type(frame);
            if (type == Frames.READY_FOR_QUERY) {
                transactionStatus = Frames.readyForQueryStatus(frame);
            } else if (type == Frames.PARAMETER_STATUS) {
                String[] kv = Frames.parameterStatus(frame);
                // interned: every connection keeps about 14 of these, the same on every connection to a server
                parameters.put(kv[0].intern(), kv[1].intern());
            }
            if (!ready) {
                try {
                    handshake(ctx, frame, type);
                } finally {
                    frame.release();
                }
                return;
            }
            Receiver r = receiver;
            if (r != null) {
                r.onBackendFrame(BackendConnection.this, frame);
            } else {
                unsolicited(frame, type);
            }
        }

        private void handshake(ChannelHandlerContext ctx, ByteBuf frame, byte type) {
            switch (type) {
                case Frames.AUTHENTICATION -> {
                    try {
                        ByteBuf reply = authenticator.handle(frame, ctx.alloc());
                        if (reply != null) {
                            ctx.writeAndFlush(reply);
                        }
                    } catch (PgException e) {
                        fail(ctx, e);
                    }
                }
                case Frames.BACKEND_KEY_DATA -> {
                    processId = frame.getInt(frame.readerIndex() + 5);
                    secretKey = frame.getInt(frame.readerIndex() + 9);
                }
                case Frames.ERROR_RESPONSE -> {
                    String sqlState = Frames.errorField(frame, 'C');
                    fail(ctx, new PgException(PgException.Severity.FATAL,
                            sqlState == null ? SqlState.CONNECTION_FAILURE : sqlState,
                            String.valueOf(Frames.errorMessage(frame)), null, null));
                }
                case Frames.READY_FOR_QUERY -> {
                    ready = true;
                    startup.complete(BackendConnection.this);
                }
                default -> {
                    // ParameterStatus (recorded above), NoticeResponse, NegotiateProtocolVersion: nothing to do.
                }
            }
        }

        private void fail(ChannelHandlerContext ctx, PgException e) {
            startup.completeExceptionally(e);
            ctx.close();
        }

        private void unsolicited(ByteBuf frame, byte type) {
            try {
                if (type == Frames.ERROR_RESPONSE) {
                    LOG.info("{} reported while idle: {}", BackendConnection.this, Frames.errorMessage(frame));
                    channel.close();
                }
            } finally {
                frame.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Receiver r = receiver;
            if (r != null) {
                r.onBackendReadComplete(BackendConnection.this);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            out.discard();
            if (!ready) {
                startup.completeExceptionally(PgException.fatal(SqlState.CONNECTION_FAILURE,
                        "backend " + node.id() + " closed the connection during startup"));
            }
            Receiver r = receiver;
            if (r != null) {
                r.onBackendClosed(BackendConnection.this, null);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: {}", BackendConnection.this, cause.toString());
            if (!ready) {
                startup.completeExceptionally(cause instanceof PgException pe ? pe
                        : PgException.fatal(SqlState.CONNECTION_FAILURE, "backend " + node.id() + ": " + cause.getMessage()));
            }
            Receiver r = receiver;
            receiver = null;
            ctx.close();
            if (r != null) {
                r.onBackendClosed(BackendConnection.this, cause);
            }
        }
    }
}
