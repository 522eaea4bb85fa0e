package io.raftpool.consensus;

/**
 * Told when this instance's Raft leadership is committed or lost. Called on the node's event thread, in order
 * with {@link StateListener#applied} (never on a Ratis thread); a slow listener delays the events after it,
 * so hand long work (external commands) to another executor.
 */
public interface LeadershipListener {

    /**
     * This instance is the leader of {@code term} and its leadership is committed: every command committed
     * before it is applied to {@link RaftNode#state()}. The leader's duties start here.
     */
    void leaderReady(long term);

    /**
     * This instance is no longer the leader (it stepped down, lost an election, or is closing). Also called
     * when it stepped down before {@link #leaderReady}: release whatever leadership held, idempotently.
     */
    void notLeader();
}
