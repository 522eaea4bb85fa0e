package io.raftpool.conf;

/**
 * A raftpool instance of the cluster ({@code hostnameN}, {@code wd_portN}, {@code pgpool_portN}).
 *
 * @param id         the node id N, matched against pgpool_node_id
 * @param hostname   where the instance runs
 * @param wdPort     its Raft port
 * @param pgpoolPort its proxy port
 */
public record WatchdogNodeConfig(int id, String hostname, int wdPort, int pgpoolPort) {
}
