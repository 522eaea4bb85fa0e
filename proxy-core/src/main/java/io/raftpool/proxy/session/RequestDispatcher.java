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
import io.raftpool.proxy.route.StatementClassifier;
import io.raftpool.proxy.session.SessionRouter.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
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
    private final AdminStatements adminStatements = new AdminStatements();
    private final ArrayDeque<ByteBuf> inbox = new ArrayDeque<>();
    private final List<ByteBuf> batch = new ArrayList<>();
    private final GatheringWriter out;
    private RequestUnit unit;
    /** Set by {@link #answerAdminAfter} for the unit the next {@link #send} makes: the rest of the client's batch. */
    private Consumer<RequestUnit> nextUnitThen;
    private List<ByteBuf> nextUnitFrames = List.of();
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
            case Frames.FUNCTION_CALL -> dispatch(List.of(frame), List.of(Classifications.UNKNOWN), List.of(), true,
                    Set.of(), Map.of());
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
        AdminCommands.Result admin = AdminCommands.run(sql, context, session::info, params);
        if (admin != null) {
            frame.release();
            out.emit();
            AdminCommands.writeSimple(session.client(), admin, router.transactionStatus());
            parametersChanged();
            return;
        }
        adminStatements.simpleQuerySent();
        dispatch(List.of(frame), List.of(router.classify(sql)), List.of(sql), true, Set.of(), Map.of());
    }

    private void dispatchBatch(boolean sync) {
        List<ByteBuf> frames = new ArrayList<>(batch);
        batch.clear();
        AdminStatements.Tail admin;
        boolean aheadForBackends;
        try {
            admin = adminStatements.adminTail(frames);
            aheadForBackends = admin != null && needsBackends(frames.subList(0, admin.start()));
            if (admin != null && (sync || !aheadForBackends)) {
                adminStatements.forgetReplaced(frames);
            }
        } catch (PgException e) {
            frames.forEach(ByteBuf::release);      // a malformed message: the session ends
            throw e;
        }
        if (admin == null || !sync && aheadForBackends) {
            route(frames, sync);      // (a batch ended by Flush cannot be split: PostgreSQL gets it all)
        } else if (aheadForBackends) {
            answerAdminAfter(admin, frames);
        } else {
            answerAdminTail(admin, frames, sync);
        }
    }

    /** Classifies the statements of an extended-protocol batch, then dispatches it. */
    private void route(List<ByteBuf> frames, boolean sync) {
        List<Classification> cs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Map<String, Classification> parsedHere = Map.of();   // made when needed: most batches parse nothing
        Set<String> referenced = Set.of();
        try {
            for (ByteBuf f : frames) {
                switch (Frames.type(f)) {
                    case Frames.PARSE -> {
                        String[] p = Frames.parse(f);
                        Classification c = router.classify(p[1]);
                        cs.add(c);
                        texts.add(p[1]);
                        parsedHere = parsedHere.isEmpty() ? new LinkedHashMap<>() : parsedHere;
                        parsedHere.put(p[0], c);
                    }
                    case Frames.BIND -> {
                        String stmt = Frames.bindStatement(f);
                        if (!parsedHere.containsKey(stmt)) {
                            Classification c = statements.classification(stmt);
                            cs.add(c == null ? Classifications.UNKNOWN : c);
                            referenced = referenced.isEmpty() ? new LinkedHashSet<>() : referenced;
                            referenced.add(stmt);
                        }
                    }
                    case Frames.DESCRIBE -> {
                        String target = Frames.describeOrCloseTarget(f);
                        if (target.charAt(0) == 'S' && !parsedHere.containsKey(target.substring(1))) {
                            referenced = referenced.isEmpty() ? new LinkedHashSet<>() : referenced;
                            referenced.add(target.substring(1));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (PgException e) {
            frames.forEach(ByteBuf::release);      // a malformed message: the session ends
            throw e;
        }
        dispatch(frames, cs, texts, sync, referenced, parsedHere);
    }

    /**
     * Answers a batch ended by Sync whose last statement is a command of the proxy's own (PGPOOL, SHOW pool_*),
     * when what comes before it is for the backends (pgjdbc's BEGIN, the Close of statements PostgreSQL has):
     * that goes first, as a batch of its own ended by a Sync the proxy adds, and its answers reach the client;
     * the proxy answers the rest once they are in, or only the client's Sync if they held an error, as
     * PostgreSQL skips to the Sync after an error. (The added Sync ends an implicit transaction early: should
     * the command itself then fail, the statements before it stay committed.)
     */
    private void answerAdminAfter(AdminStatements.Tail tail, List<ByteBuf> frames) {
        List<ByteBuf> ahead = new ArrayList<>(frames.subList(0, tail.start()));
        List<ByteBuf> rest = new ArrayList<>(frames.subList(tail.start(), frames.size()));
        ahead.add(Messages.empty(session.client().alloc(), Frames.SYNC));
        // the command runs (PGPOOL SET takes effect) only once what comes before it has run without an error
        nextUnitThen = u -> {
            if (u.failed) {
                rest.forEach(ByteBuf::release);
                out.emit();
                out.write(Messages.readyForQuery(session.client().alloc(), router.transactionStatus()));
                out.flush();
            } else {
                answerAdminTail(tail, rest, true);
            }
        };
        nextUnitFrames = rest;
        route(ahead, true);
    }

    /** Runs the admin command and answers the messages from its Parse or Bind on (plus any Close before them). */
    private void answerAdminTail(AdminStatements.Tail tail, List<ByteBuf> frames, boolean sync) {
        AdminCommands.Result admin = AdminCommands.run(tail.sql(), context, session::info, params);
        if (tail.parse() != null && admin.error() == null) {
            adminStatements.parsed(tail.parse()[0], tail.sql());
        }
        parametersChanged();
        out.emit();
        AdminCommands.writeExtended(session.client(), admin, frames, router.transactionStatus(), sync);
    }

    /**
     * True when these messages, ahead of an admin command in its batch, are for the backends: anything but
     * a Close, or the Close of a portal or of a statement a backend holds.
     */
    private boolean needsBackends(List<ByteBuf> frames) {
        for (ByteBuf f : frames) {
            if (Frames.type(f) != Frames.CLOSE) {
                return true;
            }
            String target = Frames.describeOrCloseTarget(f);
            if (target.charAt(0) == 'P' || statements.classification(target.substring(1)) != null) {
                return true;
            }
        }
        return false;
    }

    /** Routes a request and sends it, once every backend it needs is connected. */
    private void dispatch(List<ByteBuf> frames, List<Classification> cs, List<String> texts, boolean sync,
            Set<String> referenced, Map<String, Classification> parsed) {
        if (context.settings().statementLevelLoadBalance() && context.settings().loadBalanceMode()
                && !router.inTransaction()) {
            loadBalanceNode = context.view().current().pickLoadBalanceNode(ThreadLocalRandom.current())
                    .map(BackendNode::id).orElse(primaryNode);
        }
        boolean lbUsable = loadBalanceNode != primaryNode;
        Target target = cs.isEmpty() ? Target.ALL : router.decide(cs, lbUsable);
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
            send(frames, cs, texts, sync, referenced, parsed, target, main, nodes);
            return;
        }
        waitingForBackend = true;
        CompletableFuture.allOf(missing.stream().map(this::connect).toArray(CompletableFuture[]::new))
                .whenComplete((ok, err) -> {
                    waitingForBackend = false;
                    if (closed) {
                        frames.forEach(ByteBuf::release);
                        return;
                    }
                    if (err != null && !connections.has(primaryNode)) {
                        frames.forEach(ByteBuf::release);
                        session.fatal(ClientSession.asPgException(err));
                        return;
                    }
                    if (err != null) {
                        LOG.info("session {}: load-balance node {} unusable ({}); reads go to node {}",
                                session.processId(), loadBalanceNode, ClientSession.asPgException(err).getMessage(),
                                primaryNode);
                        loadBalanceNode = primaryNode;
                        dispatch(frames, cs, texts, sync, referenced, parsed);
                    } else {
                        send(frames, cs, texts, sync, referenced, parsed, target, main, nodes);
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

    private void send(List<ByteBuf> frames, List<Classification> cs, List<String> texts, boolean sync,
            Set<String> referenced, Map<String, Classification> parsed, Target target, int mainNode,
            Set<Integer> nodes) {
        if (cancelRequested && sync) {
            cancelRequested = false;
            frames.forEach(ByteBuf::release);
            dropNextUnitThen();   // the rest of an admin batch goes unanswered, as a cancelled batch's would
            out.write(Messages.errorResponse(session.client().alloc(),
                    PgException.error(SqlState.QUERY_CANCELED, "canceling statement due to user request")));
            char status = router.transactionStatus() == 'I' ? 'I' : 'E';
            router.readyForQuery(status);
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
        // a batch without Parse or Bind (an Execute of an open portal, a lone Sync) runs no new statement
        boolean read = !cs.isEmpty() && (target == Target.LOAD_BALANCE || target == Target.ALL_READ_ON_LOAD_BALANCE
                || noneForPrimary(cs));
        RequestUnit u = new RequestUnit(targets, main);
        if (nextUnitThen != null) {
            u.afterwards(nextUnitThen, nextUnitFrames);
            nextUnitThen = null;
            nextUnitFrames = List.of();
        }
        // the last target gets the frames themselves unless the statement cache still has to read them
        boolean handOver = !changesStatementCache(frames);
        for (int i = 0; i < targets.size(); i++) {
            BackendConnection t = targets.get(i);
            for (String name : referenced) {
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
            track(frames, parsed, nodes);
            adminStatements.forgetReplaced(frames);
            frames.forEach(ByteBuf::release);
        }
        router.dispatched(cs, target, texts);
        reportStatements(texts, targets);
        if (read) {
            context.stats().countSelect(mainNode);
        }
        unit = u;
        if (sync) {
            u.expectReadyForQuery();
        }
    }

    private static boolean noneForPrimary(List<Classification> cs) {
        for (Classification c : cs) {
            if (c.route() == io.raftpool.proxy.route.Route.PRIMARY) {
                return false;
            }
        }
        return true;
    }

    /** log_statement, log_per_node_statement and notice_per_node_statement. */
    private void reportStatements(List<String> texts, List<BackendConnection> targets) {
        boolean perNode = params.logPerNodeStatement() || params.noticePerNodeStatement();
        if (!perNode && !params.logStatement()) {
            return;
        }
        for (String sql : texts) {
            if (params.logStatement()) {
                LOG.info("session {}: statement: {}", session.processId(), sql);
            }
            for (int i = 0; perNode && i < targets.size(); i++) {
                BackendConnection t = targets.get(i);
                String text = "DB node id: " + t.node().id() + " backend pid: " + t.processId() + " statement: " + sql;
                if (params.logPerNodeStatement()) {
                    LOG.info("session {}: {}", session.processId(), text);
                }
                if (params.noticePerNodeStatement()) {
                    out.write(Messages.notice(session.client().alloc(), "NOTICE", "00000", text));
                }
            }
        }
    }

    private void forwardPinned(ByteBuf frame, boolean sync) {
        adminStatements.forgetReplaced(List.of(frame));
        track(List.of(frame), Map.of(), unit.targets.stream().map(t -> t.node().id()).collect(
                java.util.stream.Collectors.toSet()));
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

    private void dropNextUnitThen() {
        nextUnitFrames.forEach(ByteBuf::release);
        nextUnitFrames = List.of();
        nextUnitThen = null;
    }

    /** True when the frames hold a Parse or Close, which {@link #track} reads once they are sent. */
    private static boolean changesStatementCache(List<ByteBuf> frames) {
        for (ByteBuf f : frames) {
            byte type = Frames.type(f);
            if (type == Frames.PARSE || type == Frames.CLOSE) {
                return true;
            }
        }
        return false;
    }

    /** Keeps the statement cache in step with the Parse and Close messages sent. */
    private void track(List<ByteBuf> frames, Map<String, Classification> parsed, Set<Integer> nodes) {
        for (ByteBuf f : frames) {
            byte type = Frames.type(f);
            if (type == Frames.PARSE) {
                String[] p = Frames.parse(f);
                Classification c = parsed.get(p[0]);
                statements.parsed(p[0], f, c != null ? c : router.classify(p[1]), nodes);
            } else if (type == Frames.CLOSE) {
                String target = Frames.describeOrCloseTarget(f);
                if (target.charAt(0) == 'S') {
                    statements.closed(target.substring(1), nodes);
                }
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
                || LOG.isTraceEnabled()) {
            BackendConnection.Receiver.super.onBackendAnswerEnd(from, answer);
            return;
        }
        unit = null;
        router.readyForQuery(answer.status());
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
        ByteBuf rfq = u.takeHeldReadyForQuery();
        if (rfq != null) {
            router.readyForQuery(Frames.readyForQueryStatus(rfq));
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
        dropNextUnitThen();
        inbox.forEach(ByteBuf::release);
        inbox.clear();
        batch.forEach(ByteBuf::release);
        batch.clear();
        statements.clear();
        connections.releaseAll(clean);
    }
}
