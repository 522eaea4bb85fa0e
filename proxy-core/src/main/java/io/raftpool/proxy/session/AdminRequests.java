package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.GatheringWriter;
import io.raftpool.proxy.protocol.Messages;
import io.raftpool.proxy.protocol.PgException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Answers the session's requests that hold a command of the proxy's own (PGPOOL ..., SHOW pool_*): a simple
 * Query, or an extended-protocol batch that ends with one. What the client sent ahead of the command in its
 * batch goes to the backends first, through the dispatcher.
 */
final class AdminRequests {

    private final ClientSession session;
    private final ProxyContext context;
    private final SessionParameters params;
    private final SessionRouter router;
    private final StatementCache statements;
    private final GatheringWriter out;
    /** Routes and sends a request to the backends (the dispatcher's). */
    private final Consumer<Request> dispatch;
    /** Called after a command that may have changed the session's parameters (PGPOOL SET, RESET). */
    private final Runnable parametersChanged;
    private final AdminStatements adminStatements = new AdminStatements();
    /** Set by {@link #answerAfter} for the unit the next request makes: the rest of the client's batch. */
    private Consumer<RequestUnit> restOfBatch;
    private List<ByteBuf> restFrames = List.of();

    AdminRequests(ClientSession session, ProxyContext context, SessionParameters params, SessionRouter router,
            StatementCache statements, GatheringWriter out, Consumer<Request> dispatch, Runnable parametersChanged) {
        this.session = session;
        this.context = context;
        this.params = params;
        this.router = router;
        this.statements = statements;
        this.out = out;
        this.dispatch = dispatch;
        this.parametersChanged = parametersChanged;
    }

    /** Answers a simple Query holding a command of the proxy's; false (frame untouched) for any other query. */
    boolean answerQuery(ByteBuf frame, String sql) {
        AdminCommands.Result admin = AdminCommands.run(sql, context, session::info, params);
        if (admin == null) {
            adminStatements.simpleQuerySent();
            return false;
        }
        frame.release();
        out.emit();
        AdminCommands.writeSimple(session.client(), admin, router.transactionStatus());
        parametersChanged.run();
        return true;
    }

    /**
     * Answers a batch that ends with a command of the proxy's; false (frames untouched) when it has none, or
     * when it is ended by Flush behind messages for the backends: such a batch cannot be split, so PostgreSQL
     * gets it all. A malformed message releases the frames and ends the session (PgException).
     */
    boolean answerBatch(List<ByteBuf> frames, boolean sync) {
        AdminStatements.Tail admin;
        boolean aheadForBackends;
        try {
            admin = adminStatements.adminTail(frames);
            aheadForBackends = admin != null && statements.needBackends(frames.subList(0, admin.start()));
            if (admin != null && (sync || !aheadForBackends)) {
                adminStatements.forgetReplaced(frames);
            }
        } catch (PgException e) {
            frames.forEach(ByteBuf::release);
            throw e;
        }
        if (admin == null || !sync && aheadForBackends) {
            return false;
        }
        if (aheadForBackends) {
            answerAfter(admin, frames);
        } else {
            answerTail(admin, frames, sync);
        }
        return true;
    }

    /**
     * Answers a batch ended by Sync whose last statement is a command of the proxy's own (PGPOOL, SHOW pool_*),
     * when what comes before it is for the backends (pgjdbc's BEGIN, the Close of statements PostgreSQL has):
     * that goes first, as a batch of its own ended by a Sync the proxy adds, and its answers reach the client;
     * the proxy answers the rest once they are in, or only the client's Sync if they held an error, as
     * PostgreSQL skips to the Sync after an error. (The added Sync ends an implicit transaction early: should
     * the command itself then fail, the statements before it stay committed.)
     */
    private void answerAfter(AdminStatements.Tail tail, List<ByteBuf> frames) {
        List<ByteBuf> ahead = new ArrayList<>(frames.subList(0, tail.start()));
        List<ByteBuf> rest = new ArrayList<>(frames.subList(tail.start(), frames.size()));
        ahead.add(Messages.empty(session.client().alloc(), Frames.SYNC));
        // the command runs (PGPOOL SET takes effect) only once what comes before it has run without an error
        restOfBatch = u -> {
            if (u.failed) {
                rest.forEach(ByteBuf::release);
                out.emit();
                out.write(Messages.readyForQuery(session.client().alloc(), router.transactionStatus()));
                out.flush();
            } else {
                answerTail(tail, rest, true);
            }
        };
        restFrames = rest;
        dispatch.accept(BatchClassifier.classify(ahead, true, router, statements));
    }

    /** Runs the admin command and answers the messages from its Parse or Bind on (plus any Close before them). */
    private void answerTail(AdminStatements.Tail tail, List<ByteBuf> frames, boolean sync) {
        AdminCommands.Result admin = AdminCommands.run(tail.sql(), context, session::info, params);
        if (tail.parse() != null && admin.error() == null) {
            adminStatements.parsed(tail.parse()[0], tail.sql());
        }
        parametersChanged.run();
        out.emit();
        AdminCommands.writeExtended(session.client(), admin, frames, router.transactionStatus(), sync);
    }

    /** The request just made into unit u is the part ahead of an admin command: u answers the rest when it ends. */
    void attachRestOfBatch(RequestUnit u) {
        if (restOfBatch != null) {
            u.afterwards(restOfBatch, restFrames);
            restOfBatch = null;
            restFrames = List.of();
        }
    }

    /** The rest of a batch waiting for its first part goes unanswered (a cancelled request, the session's end). */
    void dropRestOfBatch() {
        restFrames.forEach(ByteBuf::release);
        restFrames = List.of();
        restOfBatch = null;
    }

    /** See {@link AdminStatements#deallocated}. */
    void deallocated(String name) {
        adminStatements.deallocated(name);
    }

    /** These messages reached the backends: a Parse or Close there replaces a remembered admin statement. */
    void forgetReplaced(List<ByteBuf> frames) {
        adminStatements.forgetReplaced(frames);
    }
}
