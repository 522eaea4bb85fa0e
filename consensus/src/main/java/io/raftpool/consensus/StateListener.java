package io.raftpool.consensus;

/**
 * Told of every change of this instance's {@link ClusterState}, in log order, on the node's single event
 * thread (shared with {@link LeadershipListener}); a slow listener delays the events after it.
 */
public interface StateListener {

    /** {@code command} was applied (or refused, which changes only the applied index); {@code state} follows it. */
    void applied(ClusterState state, ClusterCommand command);

    /**
     * The state was replaced as a whole: loaded from a snapshot when the node started, or installed from the
     * leader's snapshot when this instance lagged too far behind. Nothing by default.
     */
    default void restored(ClusterState state) {
    }
}
