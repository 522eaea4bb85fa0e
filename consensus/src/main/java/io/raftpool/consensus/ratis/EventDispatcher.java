package io.raftpool.consensus.ratis;

import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.LeadershipListener;
import io.raftpool.consensus.StateListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands Ratis' callbacks to the listeners on one thread of its own, in the order they happened, so that no
 * listener ever runs on (or blocks) a Ratis thread. A listener that throws is logged and the next event goes on.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final LeadershipListener leadership;
    private final StateListener states;
    private final ExecutorService executor;
    /** Whether the listener was last told leaderReady; read and written on the event thread only. */
    private boolean leading;

    EventDispatcher(int memberId, LeadershipListener leadership, StateListener states) {
        this.leadership = leadership;
        this.states = states;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "raftpool-consensus-events-" + memberId);
            t.setDaemon(true);
            return t;
        });
    }

    void leaderReady(long term) {
        run("leaderReady(" + term + ")", () -> {
            leading = true;
            leadership.leaderReady(term);
        });
    }

    void notLeader() {
        run("notLeader", () -> {
            leading = false;
            leadership.notLeader();
        });
    }

    void applied(ClusterState state, ClusterCommand command) {
        run("applied", () -> states.applied(state, command));
    }

    void restored(ClusterState state) {
        run("restored", () -> states.restored(state));
    }

    /** Tells the listener it is not leader any more, if it was last told it was. */
    void notLeaderIfLeading() {
        run("notLeader at shutdown", () -> {
            if (leading) {
                leading = false;
                leadership.notLeader();
            }
        });
    }

    /** Delivers what is queued, tells a listener still leading that it is not any more, and stops. */
    void close() {
        notLeaderIfLeading();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("consensus listeners did not finish within 10 s of closing");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(String what, Runnable event) {
        try {
            executor.execute(() -> {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    LOG.error("a consensus listener failed on {}", what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("closed: {} not delivered", what);
        }
    }
}
