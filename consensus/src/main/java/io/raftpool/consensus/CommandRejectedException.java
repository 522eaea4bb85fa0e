package io.raftpool.consensus;

/** The command is well-formed but the current state refuses it (see {@link ClusterTransitions#rejection}). */
public class CommandRejectedException extends ConsensusException {

    private static final long serialVersionUID = 1L;

    public CommandRejectedException(String message) {
        super(message);
    }
}
