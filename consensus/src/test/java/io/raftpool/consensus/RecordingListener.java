package io.raftpool.consensus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a {@link RaftNode} tells its listeners, and on which thread. */
final class RecordingListener implements LeadershipListener, StateListener {

    final List<Long> leaderTerms = new CopyOnWriteArrayList<>();
    final List<String> leadershipEvents = new CopyOnWriteArrayList<>();
    final List<ClusterCommand> appliedCommands = new CopyOnWriteArrayList<>();
    final List<ClusterState> restoredStates = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile ClusterState lastApplied;

    @Override
    public void leaderReady(long term) {
        threads.add(Thread.currentThread().getName());
        leaderTerms.add(term);
        leadershipEvents.add("leaderReady " + term);
    }

    @Override
    public void notLeader() {
        threads.add(Thread.currentThread().getName());
        leadershipEvents.add("notLeader");
    }

    @Override
    public void applied(ClusterState state, ClusterCommand command) {
        threads.add(Thread.currentThread().getName());
        appliedCommands.add(command);
        lastApplied = state;
    }

    @Override
    public void restored(ClusterState state) {
        restoredStates.add(state);
    }
}
