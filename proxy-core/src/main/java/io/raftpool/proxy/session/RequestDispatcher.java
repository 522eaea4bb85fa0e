package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.ProxySettings;
import io.raftpool.proxy.backend.BackendConnection;
import io.raftpool.proxy.backend.CancelSender;
import io.raftpool.proxy.protocol.AnswerEnd;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.GatheringWriter;
import io.raftpool.proxy.protocol.Messages;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import io.raftpool.proxy.route.Classification;
import io.raftpool.proxy.route.Effect;
import io.raftpool.proxy.route.SelectStatements;
import io.raftpool.proxy.route.StatementClassifier;
import io.raftpool.proxy.session.SessionRouter.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a READY session's requests to its backends and the answers back, one request at a time: a
 * simple Query, or an extended-protocol batch up to its Sync (held until then, so it is routed as a whole).
 * A batch ended by Flush pins its backends until the Sync. COPY data flows straight through.
 */
final class RequestDispatcher implements BackendConnection.Receiver {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);
    private static final int INBOX_HIGH_WATER = 1024;
    private static final int INBOX_LOW_WATER = 128;

    private final ClientSession session;
    private final ProxyContext context;
    private final int primaryNode;
    private int loadBalanceNode;
    private final SessionConnections connections;
    private final SessionRouter router;
    private final SessionParameters params;
    private final StatementCache statements = new StatementCache();
    private final AdminRequests admin;
    private final ArrayDeque<ByteBuf> inbox = new ArrayDeque<>();
    private final List<ByteBuf> batch = new ArrayList<>();
    private final GatheringWriter out;
    private RequestUnit unit;
    /** Reading from the client is paused because too many of its messages wait in the inbox. */
    private boolean clientPaused;
    private boolean waitingForBackend;
    private boolean cancelRequested;
    private boolean closed;

    RequestDispatcher(ClientSession session, ProxyContext context, int primaryNode, int loadBalanceNode) {
        this.session = session;
        this.context = context;
        this.primaryNode = primaryNode;
        this.loadBalanceNode = loadBalanceNode;
        this.router = new SessionRouter(context.settings(), context.classifier());
        this.params = new SessionParameters(context.config());
        this.out = new GatheringWriter(session.client());
        this.connections = new SessionConnections(session, context, this);
        this.admin = new AdminRequests(session, context, params, router, statements, out, this::dispatch,
                this::parametersChanged);
        this.clientPaused = !session.client().config().isAutoRead();
    }

    int loadBalanceNode() {
        return loadBalanceNode;
    }

    boolean isIdle() {
        return unit == null && inbox.isEmpty() && batch.isEmpty();
    }

    /** The session's connection to a node, from the pool when it has none, with its SET statements replayed. */
    CompletableFuture<BackendConnection> connect(int nodeId) {
        return connections.connect(nodeId, router.sessionStateStatements());
    }

    /** After PGPOOL SET or RESET: a session with its own allow_sql_comments gets its own classifier. */
    private void parametersChanged() {
        boolean allow = params.allowSqlComments();
        ProxySettings s = context.settings();
        router.useClassifier(allow == s.allowSqlComments() ? context.classifier()
                : new StatementClassifier(s.writeFunctions(), s.readOnlyFunctions(), s.primaryRoutingPatterns(), allow));
    }

    // ---------------------------------------------------------------- client side

    void onClientFrame(ByteBuf frame) {
        byte type = Frames.type(frame);
        if (LOG.isTraceEnabled()) {
            LOG.trace("c{} FE=> {}", session.processId(), Frames.describeFrontend(frame));
        }
        if (unit != null && unit.copyIn
                && (type == Frames.COPY_DATA || type == Frames.COPY_DONE || type == Frames.COPY_FAIL)) {
            unit.main.write(frame);
            if (type != Frames.COPY_DATA) {
                unit.main.flush();
            }
            return;
        }
        inbox.add(frame);
        if (inbox.size() > INBOX_HIGH_WATER && !clientPaused) {
            clientPaused = true;
            session.client().config().setAutoRead(false);
        }
        drain();
    }

    /** The client's socket has no more bytes for now: push COPY data along. */
    void clientReadComplete() {
        if (unit != null && unit.copyIn) {
            unit.main.flush();
        }
    }

    private void drain() {
        while (!closed && !waitingForBackend && (unit == null || !unit.awaitingReady()) && !inbox.isEmpty()) {
            try {
                process(inbox.poll());
            } catch (PgException e) {
                session.fatal(e);
                return;
            }
        }
        if (clientPaused && inbox.size() < INBOX_LOW_WATER && !closed) {
            clientPaused = false;
            session.client().config().setAutoRead(true);
        }
    }

    private void process(ByteBuf frame) {
        byte type = Frames.type(frame);
        boolean pinned = unit != null && !unit.awaitingReady();
        switch (type) {
            case Frames.QUERY -> query(frame);
            case Frames.PARSE, Frames.BIND, Frames.DESCRIBE, Frames.EXECUTE, Frames.CLOSE -> {
                if (pinned) {
                    forwardPinned(frame, false);
                } else {
                    batch.add(frame);
                }
            }
            case Frames.FLUSH -> {
                if (pinned) {
                    forwardPinned(frame, false);
                } else {
                    batch.add(frame);
                    dispatchBatch(false);
                }
            }
            case Frames.SYNC -> {
                if (pinned) {
                    forwardPinned(frame, true);
                } else {
                    batch.add(frame);
                    dispatchBatch(true);
                }
            }
            case Frames.FUNCTION_CALL -> dispatch(Request.functionCall(frame));
            case Frames.TERMINATE -> {
                frame.release();
                session.close();
            }
            case Frames.COPY_DATA, Frames.COPY_DONE, Frames.COPY_FAIL -> frame.release();
            default -> {
                frame.release();
                throw PgException.protocolViolation("invalid frontend message type '" + Frames.typeName(type) + "'");
            }
        }
    }

    private void query(ByteBuf frame) {
        String sql = Frames.queryString(frame);
        if (!admin.answerQuery(frame, sql)) {
            dispatch(Request.query(frame, router.classify(sql), sql, SelectStatements.isSelect(sql)));
        }
    }

    private void dispatchBatch(boolean sync) {
        List<ByteBuf> frames = new ArrayList<>(batch);
        batch.clear();
        if (!admin.answerBatch(frames, sync)) {
            dispatch(BatchClassifier.classify(frames, sync, router, statements));
        }
    }

    /** Routes a request and sends it, once every backend it needs is connected. */
    private void dispatch(Request request) {
        if (context.settings().statementLevelLoadBalance() && context.settings().loadBalanceMode()
                && !router.inTransaction()) {
            loadBalanceNode = context.view().current().pickLoadBalanceNode(ThreadLocalRandom.current())
                    .map(BackendNode::id).orElse(primaryNode);
        }
        boolean lbUsable = loadBalanceNode != primaryNode;
        Target target = request.runsNoStatement() ? Target.ALL : router.decide(request.classifications(), lbUsable);
        int main = target == Target.LOAD_BALANCE || target == Target.ALL_READ_ON_LOAD_BALANCE
                ? loadBalanceNode : primaryNode;
        Set<Integer> nodes;
        if (target == Target.ALL || target == Target.ALL_READ_ON_LOAD_BALANCE) {
            nodes = new LinkedHashSet<>();
            nodes.add(main);
            nodes.add(primaryNode);
            nodes.addAll(connections.nodes());
        } else {
            nodes = Set.of(main);
        }
        List<Integer> missing = missing(nodes);
        if (missing.isEmpty()) {
            send(request, target, main, nodes);
            return;
        }
        waitingForBackend = true;
        CompletableFuture.allOf(missing.stream().map(this::connect).toArray(CompletableFuture[]::new))
                .whenComplete((ok, err) -> {
                    waitingForBackend = false;
                    if (closed) {
                        request.release();
                        return;
                    }
                    if (err != null && !connections.has(primaryNode)) {
                        request.release();
                        session.fatal(ClientSession.asPgException(err));
                        return;
                    }
                    if (err != null) {
                        LOG.info("session {}: load-balance node {} unusable ({}); reads go to node {}",
                                session.processId(), loadBalanceNode, ClientSession.asPgException(err).getMessage(),
                                primaryNode);
                        loadBalanceNode = primaryNode;
                        dispatch(request);
                    } else {
                        send(request, target, main, nodes);
                    }
                    drain();
                });
    }

    private List<Integer> missing(Set<Integer> nodes) {
        List<Integer> missing = List.of();
        for (Integer n : nodes) {
            if (!connections.has(n)) {
                missing = missing.isEmpty() ? new ArrayList<>() : missing;
                missing.add(n);
            }
        }
        return missing;
    }

    private void send(Request request, Target target, int mainNode, Set<Integer> nodes) {
        if (cancelRequested && request.sync()) {
            cancelRequested = false;
            request.release();
            admin.dropRestOfBatch();   // the rest of an admin batch goes unanswered, as a cancelled batch's would
            out.write(Messages.errorResponse(session.client().alloc(),
                    PgException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request")));
            char status = router.transactionStatus() == 'I' ? 'I' : 'E';
            readyForQuery(status);
            out.write(Messages.readyForQuery(session.client().alloc(), status));
            out.flush();
            return;
        }
        cancelRequested = false;
        BackendConnection main = connections.get(mainNode);
        List<BackendConnection> targets;
        if (nodes.size() == 1) {
            targets = List.of(main);
        } else {
            targets = new ArrayList<>(nodes.size());
            for (Integer n : nodes) {
                targets.add(connections.get(n));
            }
        }
        RequestUnit u = new RequestUnit(targets, main);
        admin.attachRestOfBatch(u);
        // the last target gets the frames themselves unless the statement cache still has to read them
        List<ByteBuf> frames = request.frames();
        boolean handOver = !request.changesStatementCache();
        for (int i = 0; i < targets.size(); i++) {
            BackendConnection t = targets.get(i);
            for (String name : request.referenced()) {
                ByteBuf parse = statements.parseFor(name, t.node().id());
                if (parse != null) {
                    t.write(parse);
                    if (t == main) {
                        u.swallowParseComplete();
                    }
                }
            }
            boolean last = i == targets.size() - 1;
            for (ByteBuf f : frames) {
                t.write(handOver && last ? f : f.retainedDuplicate());
            }
            t.flush();
        }
        if (!handOver) {
            // after the writes: a Close in this batch must not drop a Parse injected above
            try {
                statements.track(frames, request.parsed(), nodes, router::classify);
                admin.forgetReplaced(frames);
            } finally {
                request.release();
            }
        }
        router.dispatched(request.classifications(), target, request.texts());
        u.onSuccess(deallocation(request, nodes));
        StatementLog.report(session, params, out, request.texts(), targets);
        if (request.selects() > 0) {
            for (BackendConnection t : targets) {
                context.stats().countSelects(t.node().id(), request.selects());
            }
        }
        unit = u;
        if (request.sync()) {
            u.expectReadyForQuery();
        }
    }

    /**
     * What to forget once the request has run, when it deallocates: DEALLOCATE and DISCARD ALL drop prepared
     * statements of the extended protocol too, on the nodes they reach. Null when it deallocates nothing.
     */
    private Runnable deallocation(Request request, Set<Integer> nodes) {
        Runnable forget = null;
        for (Classification c : request.classifications()) {
            boolean all = c.has(Effect.DEALLOCATE_ALL) || c.has(Effect.DISCARD_ALL);
            if (all || c.has(Effect.DEALLOCATE) && c.preparedName() != null) {
                String name = all ? null : c.preparedName();
                Runnable before = forget;
                forget = () -> {
                    if (before != null) {
                        before.run();
                    }
                    statements.deallocated(name, nodes);
                    admin.deallocated(name);
                };
            }
        }
        return forget;
    }

    private void forwardPinned(ByteBuf frame, boolean sync) {
        try {
            admin.forgetReplaced(List.of(frame));
            statements.track(List.of(frame), Map.of(), unit.targets.stream().map(t -> t.node().id()).collect(
                    Collectors.toSet()), router::classify);
            countPinnedSelect(frame);
        } catch (PgException e) {
            frame.release();        // a malformed message: the session ends
            throw e;
        }
        for (BackendConnection t : unit.targets) {
            t.write(frame.retainedDuplicate());
            if (sync || Frames.type(frame) == Frames.FLUSH) {
                t.flush();
            }
        }
        frame.release();
        if (sync) {
            unit.expectReadyForQuery();
        }
    }

    /** select_cnt for a message sent after a Flush: its portals, and its Executes of a SELECT. */
    private void countPinnedSelect(ByteBuf frame) {
        byte type = Frames.type(frame);
        if (type == Frames.BIND) {
            statements.bound(Frames.bindPortal(frame), statements.isSelect(Frames.bindStatement(frame)));
        } else if (type == Frames.CLOSE) {
            String target = Frames.describeOrCloseTarget(frame);
            if (target.charAt(0) == 'P') {
                statements.portalClosed(target.substring(1));
            }
        } else if (type == Frames.EXECUTE && statements.portalRunsSelect(Frames.executePortal(frame))) {
            for (BackendConnection t : unit.targets) {
                context.stats().countSelects(t.node().id(), 1);
            }
        }
    }

    // ---------------------------------------------------------------- backend side

    @Override
    public boolean takesPassThroughRuns() {
        return true;
    }

    /**
     * The usual end of a request that went to one backend: its last rows and ReadyForQuery go to the client as
     * they were read, and the request is over. Anything else takes the answer one message at a time.
     */
    @Override
    public void onBackendAnswerEnd(BackendConnection from, AnswerEnd answer) {
        RequestUnit u = unit;
        if (u == null || from != u.main || u.targets.size() != 1 || !u.awaitingReady() || !u.answersClient()
                || u.watchesOutcome() || LOG.isTraceEnabled()) {
            BackendConnection.Receiver.super.onBackendAnswerEnd(from, answer);
            return;
        }
        unit = null;
        readyForQuery(answer.status());
        out.write(answer.messages());
        if (!session.client().isWritable()) {
            from.channel().config().setAutoRead(false);
        }
        out.flush();
        drain();
    }

    @Override
    public void onBackendFrame(BackendConnection from, ByteBuf frame) {
        RequestUnit u = unit;
        byte type = Frames.type(frame);
        if (LOG.isTraceEnabled()) {
            LOG.trace("c{} <=BE{} {}", session.processId(), from.node().id(), Frames.describeBackend(frame));
        }
        if (u == null || !u.involves(from)) {
            unsolicited(from, frame, type);
            return;
        }
        if (from != u.main) {
            if (type == Frames.READY_FOR_QUERY && u.readyFrom(from)) {
                frame.release();
                finishUnit();
                return;
            }
            if (type == Frames.ERROR_RESPONSE) {
                LOG.warn("session {}: node {} failed where node {} did not: {}", session.processId(),
                        from.node().id(), u.main.node().id(), Frames.errorMessage(frame));
            }
            frame.release();
            return;
        }
        switch (type) {
            case Frames.PARSE_COMPLETE -> {
                if (u.takeSwallowedParseComplete()) {
                    frame.release();
                    return;
                }
            }
            case Frames.COPY_IN_RESPONSE, Frames.COPY_BOTH_RESPONSE -> u.copyIn = true;
            case Frames.ERROR_RESPONSE -> u.failed = true;
            case Frames.READY_FOR_QUERY -> {
                u.copyIn = false;
                u.holdReadyForQuery(frame);
                if (u.readyFrom(from)) {
                    finishUnit();
                }
                return;
            }
            default -> {
            }
        }
        out.write(frame);
        if (!session.client().isWritable()) {
            from.channel().config().setAutoRead(false);
        }
    }

    private void unsolicited(BackendConnection from, ByteBuf frame, byte type) {
        boolean fromPrimary = from.node().id() == primaryNode;
        if (type == Frames.ERROR_RESPONSE) {
            String state = Frames.errorField(frame, 'C');
            if (SqlState.ADMIN_SHUTDOWN.equals(state) || "57P02".equals(state)) {
                context.healthObserver().backendShutdown(from.node().id(), Frames.errorMessage(frame));
            }
        }
        if (fromPrimary && (type == Frames.NOTIFICATION_RESPONSE || type == Frames.NOTICE_RESPONSE
                || type == Frames.PARAMETER_STATUS || type == Frames.ERROR_RESPONSE)) {
            out.write(frame);
            out.flush();
        } else {
            frame.release();
        }
    }

    private void finishUnit() {
        RequestUnit u = unit;
        unit = null;
        u.ended();
        ByteBuf rfq = u.takeHeldReadyForQuery();
        if (rfq != null) {
            readyForQuery(Frames.readyForQueryStatus(rfq));
            if (u.answersClient()) {
                out.write(rfq);
                out.flush();
            } else {
                rfq.release();
            }
        }
        if (!u.answersClient()) {
            u.runAfterwards();
        }
        drain();
    }

    /** The client is told the transaction status: the session's rules and portals follow it. */
    private void readyForQuery(char status) {
        router.readyForQuery(status);
        if (status == 'I') {
            statements.transactionEnded();
        }
    }

    @Override
    public void onBackendReadComplete(BackendConnection from) {
        if (unit != null && from == unit.main) {
            out.flush();
        }
    }

    @Override
    public void onBackendClosed(BackendConnection from, Throwable cause) {
        int id = from.node().id();
        if (!connections.lost(from)) {
            return;
        }
        statements.forgetNode(id);
        if (closed) {
            return;
        }
        context.healthObserver().backendError(id, "a session lost its connection to node " + id
                + (cause == null ? "" : ": " + cause.getMessage()));
        if (id == primaryNode || (unit != null && unit.involves(from))) {
            session.fatal(PgException.fatal(SqlState.CONNECTION_FAILURE, "backend node " + id
                    + " closed the connection unexpectedly" + (cause == null ? "" : ": " + cause.getMessage())));
        } else {
            LOG.info("session {}: load-balance node {} went away; reads go to node {}", session.processId(), id,
                    primaryNode);
            loadBalanceNode = primaryNode;
        }
    }

    void clientWritable(boolean writable) {
        if (writable) {
            connections.resumeReading();
        }
    }

    /** Forwards a CancelRequest to every backend running the current request. */
    void cancel() {
        if (unit != null) {
            for (BackendConnection t : unit.targets) {
                CancelSender.send(context.transport(), session.client().eventLoop(), t);
            }
        } else if (waitingForBackend) {
            // the request has not reached a backend yet: it is answered with 57014 instead of being sent
            cancelRequested = true;
        }
    }

    /** Hands the backend messages gathered for the client to its channel, ahead of a message the session writes. */
    void emitPending() {
        out.emit();
    }

    /** The session ended: connections go back to the pool, or are closed when mid-request. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        out.discard();
        boolean clean = unit == null;
        if (unit != null) {
            unit.discard();
            unit = null;
        }
        admin.dropRestOfBatch();
        inbox.forEach(ByteBuf::release);
        inbox.clear();
        batch.forEach(ByteBuf::release);
        batch.clear();
        statements.clear();
        connections.releaseAll(clean);
    }
}
