package io.raftpool.proxy.health;

/**
 * Told what the health check and the sessions learn about backends. The watchdog turns these observations
 * into failover requests; proxy-core never decides a failover itself.
 */
public interface HealthObserver {

    /** The node failed its health check health_check_max_retries + 1 times in a row. */
    void nodeUnreachable(int nodeId, String reason);

    /** A node that had failed answers its health check again. */
    default void nodeReachable(int nodeId) {
    }

    /** A session's connection to the node failed (failover_on_backend_error). */
    default void backendError(int nodeId, String reason) {
    }

    /** The node told a session it is shutting down (57P01 admin_shutdown or 57P02 crash_shutdown). */
    default void backendShutdown(int nodeId, String reason) {
    }

    HealthObserver NONE = (nodeId, reason) -> { };
}
