package io.raftpool.consensus;

/**
 * Bytes that are not a command (or a snapshot of the state) this version can apply: malformed, or written by a
 * newer raftpool in a form this one does not know.
 */
public class UnreadableCommandException extends ConsensusException {

    private static final long serialVersionUID = 1L;

    public UnreadableCommandException(String message) {
        super(message);
    }

    public UnreadableCommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
