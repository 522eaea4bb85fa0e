package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.backend.BackendConnection;
import java.util.ArrayList;
import java.util.List;

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
        if (heldReadyForQuery != null) {
            heldReadyForQuery.release();
            heldReadyForQuery = null;
        }
    }
}
