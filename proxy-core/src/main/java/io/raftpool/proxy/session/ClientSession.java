package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleStateEvent;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.BackendView;
import io.raftpool.proxy.backend.BackendConnection;
import io.raftpool.proxy.backend.BackendCredentials;
import io.raftpool.proxy.pool.PoolKey;
import io.raftpool.proxy.protocol.FrameDecoder;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.Messages;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import io.raftpool.proxy.protocol.StartupRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, from its first byte to its end, on one event loop.
 *
 * <pre>
 *   STARTUP --StartupMessage--> AUTHENTICATING --ok--> CONNECTING --main backend ready--> READY --> CLOSED
 *      \--SSLRequest/GSSENCRequest: 'N', stay--/       (waits here for a slot when num_init_children are busy)
 * </pre>
 * In READY, client messages are queued and handled one request at a time by the {@link RequestDispatcher}.
 */
public final class ClientSession extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    enum State { STARTUP, WAITING_FOR_SLOT, AUTHENTICATING, CONNECTING, READY, CLOSED }

    private final ProxyContext context;
    private final Instant connectedAt = Instant.now();
    private Channel client;
    private State state = State.STARTUP;
    private StartupRequest.StartupMessage startup;
    private Map<String, String> backendParameters;
    private AuthExchange auth;
    private BackendCredentials credentials;
    private int processId;
    private int secretKey;
    private boolean admitted;
    private boolean ssl;
    private RequestDispatcher dispatcher;
    private final ArrayDeque<ByteBuf> early = new ArrayDeque<>();

    public ClientSession(ProxyContext context) {
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        long timeout = context.settings().authenticationTimeout().toMillis();
        if (timeout > 0) {
            ctx.executor().schedule(this::authenticationTimedOut, timeout, TimeUnit.MILLISECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof StartupRequest request) {
            onStartupRequest(ctx, request);
            return;
        }
        ByteBuf frame = (ByteBuf) msg;
        switch (state) {
            case AUTHENTICATING -> {
                if (Frames.type(frame) == Frames.PASSWORD) {
                    auth.onPasswordMessage(frame);
                } else {
                    frame.release();
                    fatal(PgException.protocolViolation("expected password response, got message type '"
                            + Frames.typeName(Frames.type(frame)) + "'"));
                }
            }
            case READY -> dispatcher.onClientFrame(frame);
            case CONNECTING, WAITING_FOR_SLOT -> dispatcherQueue(frame);
            default -> frame.release();
        }
    }

    /** Messages that arrive before the session is ready wait here (a client may pipeline after startup). */
    private void dispatcherQueue(ByteBuf frame) {
        early.add(frame);
    }

    private void onStartupRequest(ChannelHandlerContext ctx, StartupRequest request) {
        if (state != State.STARTUP) {
            fatal(PgException.protocolViolation("unexpected startup packet"));
            return;
        }
        if (request instanceof StartupRequest.SslRequest && context.sslContext() != null && !ssl) {
            ssl = true;
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('S')).addListener(f ->
                    ctx.pipeline().addFirst("tls", context.sslContext().newHandler(ctx.alloc())));
        } else if (request instanceof StartupRequest.SslRequest || request instanceof StartupRequest.GssEncRequest) {
            ctx.writeAndFlush(ctx.alloc().buffer(1).writeByte('N'));
        } else if (request instanceof StartupRequest.CancelRequest r) {
            context.sessions().cancel(r.processId(), r.secretKey());
            ctx.close();
        } else if (request instanceof StartupRequest.StartupMessage m) {
            onStartupMessage(ctx, m);
        }
    }

    private void onStartupMessage(ChannelHandlerContext ctx, StartupRequest.StartupMessage m) {
        ctx.pipeline().replace("startup", "frames", new FrameDecoder(context.settings().maxMessageSize()));
        startup = m;
        if (m.parameters().containsKey("replication")) {
            fatal(PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED,
                    "replication connections are not supported by raftpool; connect to PostgreSQL directly"));
            return;
        }
        Map<String, String> params = new LinkedHashMap<>(m.parameters());
        params.putIfAbsent("database", m.database());
        backendParameters = Collections.unmodifiableMap(params);
        context.sessions().register(this);
        switch (context.sessions().admit(this)) {
            case ADMITTED -> {
                admitted = true;
                authenticate();
            }
            case REFUSED -> fatal(PgException.fatal(SqlState.TOO_MANY_CONNECTIONS, "Sorry, too many clients already"));
            case WAITING -> {
                state = State.WAITING_FOR_SLOT;
                client.config().setAutoRead(false);
            }
        }
    }

    /** Called by the registry, from any thread, when a waiting session gets its slot. */
    void admitted() {
        client.eventLoop().execute(() -> {
            admitted = true;
            if (state == State.WAITING_FOR_SLOT) {
                client.config().setAutoRead(true);
                authenticate();
            } else {
                context.sessions().leave(this);
                admitted = false;
            }
        });
    }

    private void authenticate() {
        state = State.AUTHENTICATING;
        auth = context.authentication().begin(client, startup, ssl);
        auth.result().whenComplete((creds, err) -> {
            if (err != null) {
                fatal(asPgException(err));
            } else {
                credentials = creds;
                connectMain();
            }
        });
    }

    private void connectMain() {
        state = State.CONNECTING;
        BackendView view = context.view().current();
        BackendNode main = view.primary().orElseGet(() -> view.nodes().stream()
                .filter(n -> n.status().isAttached()).findFirst().orElse(null));
        if (main == null) {
            fatal(PgException.fatal(SqlState.CONNECTION_FAILURE,
                    "all backend nodes are down, raftpool requires at least one valid node"));
            return;
        }
        int lbNode = context.settings().loadBalanceMode()
                ? view.pickLoadBalanceNode(java.util.concurrent.ThreadLocalRandom.current()).map(BackendNode::id)
                        .orElse(main.id())
                : main.id();
        dispatcher = new RequestDispatcher(this, context, main.id(), lbNode);
        dispatcher.connect(main.id()).whenComplete((conn, err) -> {
            if (err != null) {
                fatal(asPgException(err));
                return;
            }
            if (state == State.CLOSED) {
                return;
            }
            client.write(Messages.authentication(client.alloc(), 0));
            conn.parameters().forEach((k, v) -> client.write(Messages.parameterStatus(client.alloc(), k, v)));
            client.write(Messages.backendKeyData(client.alloc(), processId, secretKey));
            client.writeAndFlush(Messages.readyForQuery(client.alloc(), 'I'));
            state = State.READY;
            LOG.debug("session {}: user {} database {} ready on node {}", processId, startup.user(),
                    startup.database(), main.id());
            while (!early.isEmpty()) {
                dispatcher.onClientFrame(early.poll());
            }
        });
    }

    private void authenticationTimedOut() {
        if (state.ordinal() < State.READY.ordinal() && state != State.WAITING_FOR_SLOT) {
            fatal(PgException.fatal(SqlState.CONNECTION_FAILURE, "canceling authentication due to timeout"));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && state == State.READY && dispatcher.isIdle()) {
            fatal(PgException.fatal(SqlState.IDLE_SESSION_TIMEOUT,
                    "terminating connection due to idle timeout (client_idle_limit)"));
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (state == State.READY) {
            dispatcher.clientReadComplete();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (dispatcher != null) {
            dispatcher.clientWritable(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        PgException e = asPgException(cause);
        if (e.sqlState().equals(SqlState.INTERNAL_ERROR)) {
            LOG.warn("session {}: {}", processId, cause.toString(), cause);
        }
        fatal(e);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close();
        ctx.fireChannelInactive();
    }

    /** Sends an error; a FATAL one ends the session. */
    void fatal(PgException e) {
        if (state == State.CLOSED || !client.isActive()) {
            close();
            return;
        }
        LOG.debug("session {}: {} {}", processId, e.sqlState(), e.getMessage());
        PgException f = e.isFatal() ? e : new PgException(PgException.Severity.FATAL, e.sqlState(), e.getMessage(),
                e.detail(), e.hint());
        if (dispatcher != null) {
            dispatcher.emitPending();
        }
        client.writeAndFlush(Messages.errorResponse(client.alloc(), f)).addListener(ChannelFutureListener.CLOSE);
        close();
    }

    /** Ends the session: backends go back to the pool (or are closed when mid-request). */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        boolean waiting = state == State.WAITING_FOR_SLOT;
        state = State.CLOSED;
        if (dispatcher != null) {
            dispatcher.close();
        }
        early.forEach(ByteBuf::release);
        early.clear();
        if (processId != 0) {
            context.sessions().unregister(this);
        }
        if (admitted || waiting) {
            context.sessions().leave(this);
        }
        if (client.isActive()) {
            client.close();
        }
    }

    static PgException asPgException(Throwable t) {
        Throwable c = t;
        while ((c instanceof DecoderException || c instanceof java.util.concurrent.CompletionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof PgException pe) {
            return pe;
        }
        return PgException.fatal(SqlState.INTERNAL_ERROR, "internal error in raftpool: " + c);
    }

    void setKey(int pid, int key) {
        this.processId = pid;
        this.secretKey = key;
    }

    /** The process id the client was given in BackendKeyData. */
    public int processId() {
        return processId;
    }

    int secretKey() {
        return secretKey;
    }

    /** Ends the session from outside (shutdown): the client gets 57P01, as from a PostgreSQL shutdown. */
    public void terminate() {
        client.eventLoop().execute(() -> fatal(PgException.fatal(SqlState.ADMIN_SHUTDOWN,
                "terminating connection due to administrator command")));
    }

    void cancelRunningQuery() {
        client.eventLoop().execute(() -> {
            if (dispatcher != null) {
                dispatcher.cancel();
            }
        });
    }

    Channel client() {
        return client;
    }

    PoolKey poolKey(int nodeId) {
        return new PoolKey(nodeId, backendParameters);
    }

    BackendCredentials credentials() {
        return credentials;
    }

    /** For SHOW pool_processes: user, database, start time, state. */
    public SessionInfo info() {
        return new SessionInfo(processId, startup == null ? "" : startup.user(),
                startup == null ? "" : startup.database(), connectedAt, state.name(),
                dispatcher == null ? -1 : dispatcher.loadBalanceNode(),
                startup == null ? "" : startup.parameters().getOrDefault("application_name", ""));
    }
}
