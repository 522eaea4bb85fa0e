package io.raftpool.consensus.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.LeadershipListener;
import io.raftpool.consensus.StateListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

    @Test
    void eventsArriveInOrderOnOneThreadAndAFailingListenerDoesNotStopThem() {
        List<String> seen = new CopyOnWriteArrayList<>();
        LeadershipListener leadership = new LeadershipListener() {
            @Override
            public void leaderReady(long term) {
                seen.add(Thread.currentThread().getName() + " leaderReady " + term);
            }

            @Override
            public void notLeader() {
                seen.add(Thread.currentThread().getName() + " notLeader");
            }
        };
        StateListener states = (state, command) -> {
            seen.add(Thread.currentThread().getName() + " applied " + ((ClusterCommand.RemoveMember) command).id());
            throw new IllegalStateException("a listener bug");
        };
        EventDispatcher events = new EventDispatcher(7, leadership, states);
        events.applied(ClusterState.empty(), new ClusterCommand.RemoveMember(1));
        events.leaderReady(3);
        events.applied(ClusterState.empty(), new ClusterCommand.RemoveMember(2));
        events.close();
        events.applied(ClusterState.empty(), new ClusterCommand.RemoveMember(3));

        String t = "raftpool-consensus-events-7";
        assertEquals(List.of(t + " applied 1", t + " leaderReady 3", t + " applied 2", t + " notLeader"), seen,
                "closing tells a leading listener it leads no more; nothing is delivered after close");
    }
}
