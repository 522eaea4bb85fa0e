package io.raftpool.proxy.session;

import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.backend.BackendConnection;
import io.raftpool.proxy.pool.BackendPool;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A session's backend connections, at most one per node: taken from the pool when first needed, with the
 * session's SET statements replayed on them, and given back when the session ends.
 */
final class SessionConnections {

    private final ClientSession session;
    private final ProxyContext context;
    private final BackendConnection.Receiver receiver;
    private final Map<Integer, BackendConnection> byNode = new LinkedHashMap<>();
    private boolean released;

    /** @param receiver who gets the answers of every connection once it is the session's */
    SessionConnections(ClientSession session, ProxyContext context, BackendConnection.Receiver receiver) {
        this.session = session;
        this.context = context;
        this.receiver = receiver;
    }

    /**
     * The session's connection to a node: the one it has, or one from the pool with {@code sessionState}
     * run on it first. Fails with a {@link PgException} when the node is not attached.
     */
    CompletableFuture<BackendConnection> connect(int nodeId, List<String> sessionState) {
        BackendConnection open = byNode.get(nodeId);
        if (open != null) {
            return CompletableFuture.completedFuture(open);
        }
        BackendNode node = context.view().current().node(nodeId).orElse(null);
        if (node == null || !node.status().isAttached()) {
            return CompletableFuture.failedFuture(PgException.fatal(SqlState.CONNECTION_FAILURE,
                    "backend node " + nodeId + " is not available"));
        }
        return pool().acquire(node, session.poolKey(nodeId), session.credentials())
                .thenCompose(c -> replay(c, new ArrayList<>(sessionState)))
                .thenApply(c -> {
                    if (released) {
                        pool().release(c, session.poolKey(nodeId), true);
                        throw PgException.fatal(SqlState.CONNECTION_FAILURE, "session closed");
                    }
                    c.receiver(receiver);
                    byNode.put(nodeId, c);
                    return c;
                });
    }

    private static CompletableFuture<BackendConnection> replay(BackendConnection c, List<String> sql) {
        if (sql.isEmpty()) {
            return CompletableFuture.completedFuture(c);
        }
        return c.query(sql.remove(0)).thenCompose(r -> replay(c, sql));
    }

    /** The connection to a node, or null. */
    BackendConnection get(int nodeId) {
        return byNode.get(nodeId);
    }

    boolean has(int nodeId) {
        return byNode.containsKey(nodeId);
    }

    /** The nodes connected to, in the order they were connected. */
    Set<Integer> nodes() {
        return Collections.unmodifiableSet(byNode.keySet());
    }

    /** Drops a connection that closed; false when it was not (or no longer) the session's for its node. */
    boolean lost(BackendConnection c) {
        return byNode.remove(c.node().id(), c);
    }

    /** The client can take more: every connection reads again. */
    void resumeReading() {
        byNode.values().forEach(c -> c.channel().config().setAutoRead(true));
    }

    /** Gives every connection back to the pool, to be reset and reused when clean, else closed. */
    void releaseAll(boolean clean) {
        released = true;
        byNode.forEach((nodeId, c) -> pool().release(c, session.poolKey(nodeId), clean));
        byNode.clear();
    }

    private BackendPool pool() {
        return context.pool(session.client().eventLoop());
    }
}
