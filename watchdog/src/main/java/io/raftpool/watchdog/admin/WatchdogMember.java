package io.raftpool.watchdog.admin;

/**
 * One watchdog member, with the fields pcp_watchdog_info prints per node.
 *
 * @param id                   its pgpool_node_id
 * @param nodeName             "host:pgpool_port Linux host", as Pgpool-II names nodes
 * @param hostName             hostnameN
 * @param delegateIp           delegate_IP, or "Not_Set"
 * @param pgpoolPort           pgpool_portN
 * @param wdPort               wd_portN (its Raft port)
 * @param priority             its wd_priority, as it recorded it (0 if it never joined)
 * @param status               Pgpool-II's state number (4 LEADER, 7 STANDBY, 8 LOST, 10 SHUTDOWN, 0 DEAD, ...)
 * @param statusName           its name
 * @param membershipStatus     0 MEMBER
 * @param membershipStatusName MEMBER
 * @param local                whether it is the member that answered
 * @param escalated            whether it holds the delegate IP, as the replicated state records it
 * @param silenceMillis        on the leader: how long ago it last answered; -1 elsewhere
 */
public record WatchdogMember(int id, String nodeName, String hostName, String delegateIp, int pgpoolPort,
        int wdPort, int priority, int status, String statusName, int membershipStatus, String membershipStatusName,
        boolean local, boolean escalated, long silenceMillis) {
}
