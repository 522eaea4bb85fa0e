package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.backend.BackendConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request in flight: sent to one or more backends, whose answers reach the client only from the main one.
 * It ends when every target has sent ReadyForQuery; the main target's ReadyForQuery is held back until then,
 * so that the client sees it last.
 */
final class RequestUnit {

    final List<BackendConnection> targets;
    final BackendConnection main;
    private final List<BackendConnection> awaiting = new ArrayList<>(2);
    private boolean syncSent;
    private ByteBuf heldReadyForQuery;
    private int parseCompletesToSwallow;
    boolean copyIn;
    /** The main target answered with an ErrorResponse. */
    boolean failed;
    private Consumer<RequestUnit> then;
    private List<ByteBuf> framesForThen = List.of();
    /** Runs when the request ends without an error from its main target; null: nothing to run. */
    private Runnable onSuccess;

    RequestUnit(List<BackendConnection> targets, BackendConnection main) {
        this.targets = List.copyOf(targets);
        this.main = main;
    }

    /** The request ends with a Sync or is a simple Query: ReadyForQuery is due from every target. */
    void expectReadyForQuery() {
        syncSent = true;
        awaiting.clear();
        awaiting.addAll(targets);
    }

    /** True once a Sync or Query is out: the session waits for the answers before its next request. */
    boolean awaitingReady() {
        return syncSent;
    }

    void swallowParseComplete() {
        parseCompletesToSwallow++;
    }

    /** True for a ParseComplete answering a Parse the proxy injected, which the client must not see. */
    boolean takeSwallowedParseComplete() {
        if (parseCompletesToSwallow > 0) {
            parseCompletesToSwallow--;
            return true;
        }
        return false;
    }

    /**
     * Makes this a request the proxy sends on the client's behalf ahead of answering the rest of the client's
     * batch itself: its ReadyForQuery is not the client's, and {@code then} runs once it has come.
     *
     * @param frames the client's messages {@code then} answers; released by {@code then}, or by
     *               {@link #discard()} if the request never ends
     */
    void afterwards(Consumer<RequestUnit> then, List<ByteBuf> frames) {
        this.then = then;
        this.framesForThen = frames;
    }

    /**
     * Something to do once the request has run without an error (forget the statements a DEALLOCATE or
     * DISCARD ALL dropped: one that fails, inside a transaction block for instance, drops nothing). Its answer
     * is then read message by message, so that an error is seen.
     */
    void onSuccess(Runnable action) {
        this.onSuccess = action;
    }

    /** True when the request's outcome must be watched (see {@link #onSuccess}). */
    boolean watchesOutcome() {
        return onSuccess != null;
    }

    /** The request's ReadyForQuery came: runs what {@link #onSuccess} set unless the main target failed. */
    void ended() {
        Runnable action = onSuccess;
        onSuccess = null;
        if (action != null && !failed) {
            action.run();
        }
    }

    /** True for a request whose ReadyForQuery is the client's (see {@link #afterwards}). */
    boolean answersClient() {
        return then == null;
    }

    /** Runs what {@link #afterwards} set, which now owns its frames. */
    void runAfterwards() {
        framesForThen = List.of();
        then.accept(this);
    }

    void holdReadyForQuery(ByteBuf frame) {
        if (heldReadyForQuery != null) {
            heldReadyForQuery.release();
        }
        heldReadyForQuery = frame;
    }

    ByteBuf takeHeldReadyForQuery() {
        ByteBuf f = heldReadyForQuery;
        heldReadyForQuery = null;
        return f;
    }

    /** Notes a target's ReadyForQuery; true when it was the last one due. */
    boolean readyFrom(BackendConnection b) {
        awaiting.remove(b);
        return syncSent && awaiting.isEmpty();
    }

    boolean involves(BackendConnection b) {
        return b == main || targets.contains(b);
    }

    void discard() {
        framesForThen.forEach(ByteBuf::release);
        framesForThen = List.of();
        if (heldReadyForQuery != null) {
            heldReadyForQuery.release();
            heldReadyForQuery = null;
        }
    }
}
