package io.raftpool.consensus;

/**
 * No leader, or a leader without a quorum of members, answered within the request timeout: the command may
 * or may not be applied later (Raft cannot tell), so read the state before retrying a command that must not
 * be applied twice.
 */
public class NoQuorumException extends ConsensusException {

    private static final long serialVersionUID = 1L;

    public NoQuorumException(String message, Throwable cause) {
        super(message, cause);
    }
}
