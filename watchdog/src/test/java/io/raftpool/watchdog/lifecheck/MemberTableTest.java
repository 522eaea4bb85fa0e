package io.raftpool.watchdog.lifecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.conf.HeartbeatConfig;
import io.raftpool.watchdog.lifecheck.MemberStatus.Liveness;
import io.raftpool.watchdog.lifecheck.MemberTable.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The liveness rules, with time given explicitly. */
class MemberTableTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 5 * SECOND;

    private final List<String> events = new ArrayList<>();
    private final MemberTable table = new MemberTable(
            List.of(new HeartbeatConfig(1, "host1", 9694, ""), new HeartbeatConfig(2, "host2;host2b", 9695, "")),
            Duration.ofSeconds(3), new LifecheckListener() {
                @Override
                public void memberLost(int id, String reason) {
                    events.add("lost " + id + ": " + reason);
                }

                @Override
                public void memberFound(int id) {
                    events.add("found " + id);
                }
            });

    private Outcome heard(int id, long sendTime, long at) {
        return table.heard(new HeartbeatPacket(id, sendTime, sendTime), at, Instant.ofEpochSecond(at / SECOND));
    }

    private Liveness liveness(int id) {
        return table.snapshot().stream().filter(m -> m.id() == id).findFirst().orElseThrow().liveness();
    }

    @Test
    void membersWaitUntilHeardAndTheFirstHeartbeatFindsThem() {
        table.start(T0);
        assertEquals(Liveness.WAITING, liveness(1));
        assertEquals(Outcome.ACCEPTED, heard(1, 100, T0 + SECOND));
        assertEquals(Liveness.ALIVE, liveness(1));
        assertEquals(List.of("found 1"), events);
        MemberStatus status = table.snapshot().get(0);
        assertEquals(new MemberStatus(1, "host1", 9694, Liveness.ALIVE, Instant.ofEpochSecond(6), 1), status);
        assertNull(table.snapshot().get(1).lastHeard());
    }

    @Test
    void aMemberSilentForLongerThanTheDeadtimeIsLostOnceAndFoundWhenHeartbeatsResume() {
        table.start(T0);
        heard(1, 100, T0);
        heard(2, 100, T0);
        events.clear();
        heard(1, 200, T0 + SECOND);

        table.check(T0 + 3 * SECOND); // member 2 silent for exactly the deadtime: not yet
        assertEquals(List.of(), events);
        table.check(T0 + 3 * SECOND + 1);
        assertEquals(Liveness.LOST, liveness(2));
        assertEquals(Liveness.ALIVE, liveness(1));
        assertEquals(1, events.size());
        assertTrue(events.get(0).startsWith("lost 2: no heartbeat for 3.0 s (wd_heartbeat_deadtime is 3.0 s)"),
                events.get(0));

        table.check(T0 + 10 * SECOND);
        assertEquals(List.of("lost 2", "lost 1"), events.stream().map(e -> e.substring(0, 6)).toList());

        assertEquals(Outcome.ACCEPTED, heard(2, 300, T0 + 11 * SECOND));
        assertEquals(Liveness.ALIVE, liveness(2));
        assertEquals("found 2", events.get(2));
        table.check(T0 + 12 * SECOND);
        assertEquals(3, events.size());
    }

    @Test
    void aMemberNeverHeardIsLostOnceTheDeadtimeHasPassedSinceTheStart() {
        table.check(T0 + 100 * SECOND); // not started: nothing happens
        assertEquals(List.of(), events);
        table.start(T0);
        table.check(T0 + 3 * SECOND);
        assertEquals(List.of(), events);
        table.check(T0 + 4 * SECOND);
        assertEquals(List.of("lost 1: no heartbeat since the lifecheck started 4.0 s ago",
                "lost 2: no heartbeat since the lifecheck started 4.0 s ago"), events);
    }

    @Test
    void onlyAHeartbeatSentLaterThanTheLastAcceptedCountsAsASignOfLife() {
        table.start(T0);
        assertEquals(Outcome.ACCEPTED, heard(1, 500, T0));
        assertEquals(Outcome.DUPLICATE, heard(1, 500, T0 + SECOND));
        assertEquals(Outcome.STALE, heard(1, 400, T0 + 2 * SECOND));
        // Neither refreshed it: silent since T0.
        table.check(T0 + 3 * SECOND + 1);
        assertEquals(Liveness.LOST, liveness(1));
        // A replayed old heartbeat does not bring it back either.
        assertEquals(Outcome.STALE, heard(1, 499, T0 + 4 * SECOND));
        assertEquals(Liveness.LOST, liveness(1));
        assertEquals(1, table.snapshot().get(0).heartbeats());
    }

    @Test
    void heartbeatsFromUnknownIdsAreNotMembers() {
        table.start(T0);
        assertEquals(Outcome.UNKNOWN_MEMBER, heard(7, 1, T0));
        assertEquals(List.of(), events);
        assertEquals(List.of(1, 2), table.snapshot().stream().map(MemberStatus::id).toList());
    }
}
