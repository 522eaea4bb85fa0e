package io.raftpool.watchdog.admin;

import java.util.List;

/**
 * The watchdog cluster as one member sees it: what pcp_watchdog_info -v shows, plus the Raft term and indexes.
 *
 * @param totalNodes             configured members, this one included
 * @param remoteNodes            the others
 * @param memberRemoteNodes      the others that count towards the quorum (all of them: raftpool does not revoke)
 * @param aliveRemoteNodes       the others recorded ALIVE
 * @param nodesRequiredForQuorum a strict majority of totalNodes
 * @param quorumStatus           Pgpool-II's number: 1 exists, 0 on the edge, -1 absent, -2 no leader
 * @param quorumState            its name: QUORUM EXIST, QUORUM IS ON THE EDGE, QUORUM ABSENT, NO LEADER NODE
 * @param quorumNodes            the members that make up the quorum now (as the leader sees them, or ALIVE ones)
 * @param localEscalated         whether this member holds the delegate IP
 * @param leaderNodeName         the leader's node name, or empty
 * @param leaderHostName         the leader's host, or empty
 * @param leaderId               the leader's id, -1 if none is known
 * @param raftTerm               this member's Raft term
 * @param commitIndex            the last log index this member knows committed
 * @param appliedIndex           the last log index applied to its cluster state
 * @param localNodeId            this member's pgpool_node_id
 * @param escalatedMember        the member the replicated state says escalated last, -1 if none
 * @param escalationTerm         the term it escalated under (the fencing token), 0 if none
 * @param members                every configured member
 */
public record WatchdogInfo(int totalNodes, int remoteNodes, int memberRemoteNodes, int aliveRemoteNodes,
        int nodesRequiredForQuorum, int quorumStatus, String quorumState, List<Integer> quorumNodes,
        boolean localEscalated, String leaderNodeName, String leaderHostName, int leaderId, long raftTerm,
        long commitIndex, long appliedIndex, int localNodeId, int escalatedMember, long escalationTerm,
        List<WatchdogMember> members) {

    public WatchdogInfo {
        quorumNodes = List.copyOf(quorumNodes);
        members = List.copyOf(members);
    }
}
