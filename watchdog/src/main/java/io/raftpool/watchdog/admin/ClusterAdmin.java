package io.raftpool.watchdog.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin API (gRPC, and the raftpool subcommands that call it) can ask of a running raftpool.
 * Every asynchronous operation completes exceptionally with an {@link AdminException} saying what was
 * wrong (no such node, node already down, no quorum, ...) and never throws.
 */
public interface ClusterAdmin {

    /** Every backend, as pcp_node_info shows it. */
    List<NodeInfo> nodes();

    /** Re-attaches a detached node (pcp_attach_node). */
    CompletableFuture<String> attach(int nodeId);

    /** Detaches a node (pcp_detach_node), failing over when it is the primary; gracefully waits for sessions. */
    CompletableFuture<String> detach(int nodeId, boolean gracefully);

    /** Makes a standby the primary (pcp_promote_node); with switchover, the old primary is detached first. */
    CompletableFuture<String> promote(int nodeId, boolean switchover);

    /** Online recovery of a detached node (pcp_recovery_node). */
    CompletableFuture<String> recover(int nodeId);

    /** Re-reads the configuration files; returns what took effect and what needs a restart. */
    CompletableFuture<String> reload();

    /** Stops this raftpool (pcp_stop_pgpool). */
    CompletableFuture<String> stop(StopMode mode);

    /** The client sessions (pcp_proc_info). */
    List<ProcessInfo> processes();

    /** The health-check statistics of every node (pcp_health_check_stats). */
    List<HealthCheckInfo> healthCheckStats();

    /** The watchdog cluster as this member sees it (pcp_watchdog_info). */
    WatchdogInfo watchdogInfo();

    /** Calls {@code listener} with every cluster event from now on, until the returned handle is closed. */
    AutoCloseable watch(java.util.function.Consumer<ClusterEvent> listener);

    /** pcp_stop_pgpool's modes. */
    enum StopMode { SMART, FAST, IMMEDIATE }
}
