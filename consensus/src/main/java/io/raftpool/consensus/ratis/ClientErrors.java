package io.raftpool.consensus.ratis;

import io.raftpool.consensus.CommandRejectedException;
import io.raftpool.consensus.ConsensusException;
import io.raftpool.consensus.NoQuorumException;
import io.raftpool.consensus.UnreadableCommandException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.StateMachineException;

/** Ratis client failures as raftpool's {@link ConsensusException}s, with messages an operator can act on. */
final class ClientErrors {

    private static final String FROM_SERVER = " from Server ";

    private ClientErrors() {
    }

    static ConsensusException translate(String what, Throwable t, Duration requestTimeout) {
        Throwable e = unwrap(t);
        if (e instanceof ConsensusException c) {
            return c;
        }
        if (e instanceof StateMachineException sme) {
            return fromStateMachine(sme);
        }
        if (e instanceof AlreadyClosedException || e instanceof InterruptedException
                || e instanceof InterruptedIOException) {
            return new ConsensusException(what + " failed: this node is closing", e);
        }
        return noQuorum(what, requestTimeout, e);
    }

    static NoQuorumException noQuorum(String what, Duration requestTimeout, Throwable cause) {
        return new NoQuorumException(what + " failed: no leader with a quorum of members answered within "
                + requestTimeout.toMillis() + " ms" + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }

    /**
     * The leader refused the command in startTransaction; Ratis sends only the text
     * "{@code <exception class> from Server <id>: <message>}" across, so the class is recovered from it.
     */
    private static ConsensusException fromStateMachine(StateMachineException e) {
        String text = String.valueOf(e.getMessage());
        int from = text.indexOf(FROM_SERVER);
        int colon = from < 0 ? -1 : text.indexOf(": ", from);
        String reason = colon < 0 ? text : text.substring(colon + 2);
        String className = from < 0 ? "" : text.substring(0, from);
        if (className.equals(CommandRejectedException.class.getName())) {
            return new CommandRejectedException(reason);
        }
        if (className.equals(UnreadableCommandException.class.getName())) {
            return new UnreadableCommandException("the leader cannot read the command: " + reason);
        }
        return new ConsensusException("the leader's state machine failed: " + text, e);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
