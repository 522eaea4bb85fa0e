package io.raftpool.consensus;

/**
 * Why the consensus module could not do what was asked. The futures of {@link RaftNode} complete exceptionally
 * with this or one of its subclasses, whose message says what happened in words an operator can act on.
 */
public class ConsensusException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConsensusException(String message) {
        super(message);
    }

    public ConsensusException(String message, Throwable cause) {
        super(message, cause);
    }
}
