package io.raftpool.watchdog.lifecheck;

import static io.raftpool.watchdog.lifecheck.Members.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.conf.Config;
import io.raftpool.watchdog.lifecheck.MemberStatus.Liveness;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members exchanging real heartbeats over UDP on 127.0.0.1. */
class HeartbeatLifecheckTest {

    private static final Duration KEEPALIVE = Duration.ofMillis(100);
    private static final Duration DEADTIME = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<HeartbeatLifecheck> started = new ArrayList<>();

    @AfterEach
    void closeAll() {
        started.forEach(HeartbeatLifecheck::close);
    }

    private HeartbeatLifecheck start(Config config, LifecheckListener listener) throws IOException {
        HeartbeatLifecheck lifecheck = new HeartbeatLifecheck(config, KEEPALIVE, DEADTIME, listener);
        started.add(lifecheck);
        lifecheck.start();
        return lifecheck;
    }

    private static Liveness liveness(HeartbeatLifecheck lifecheck, int id) {
        return lifecheck.members().stream().filter(m -> m.id() == id).findFirst().orElseThrow().liveness();
    }

    private static boolean allAlive(HeartbeatLifecheck lifecheck) {
        return lifecheck.members().stream().allMatch(m -> m.liveness() == Liveness.ALIVE);
    }

    @Test
    void threeMembersSeeEachOtherAndOneThatStopsIsLostUntilItComesBack() throws IOException {
        int[] ports = Members.freeUdpPorts(3);
        Members.Recorder[] heard = {new Members.Recorder(), new Members.Recorder(), new Members.Recorder()};
        List<HeartbeatLifecheck> members = new ArrayList<>();
        for (int id = 0; id < 3; id++) {
            members.add(start(Members.config(dir, id, ports, "wd_authkey = 'secret'"), heard[id]));
        }
        for (int id = 0; id < 3; id++) {
            HeartbeatLifecheck m = members.get(id);
            await("member " + id + " to hear the others", PATIENCE, () -> allAlive(m));
            assertEquals(2, m.members().size());
            assertEquals(2, m.lastHeard().size());
        }
        await("found events", PATIENCE, () -> heard[0].events.size() == 2 && heard[1].events.size() == 2);
        assertEquals(Set.of("found 1", "found 2"), Set.copyOf(heard[0].texts()));
        assertEquals(Set.of("found 0", "found 2"), Set.copyOf(heard[1].texts()));

        long stoppedAt = System.nanoTime();
        members.get(2).close();
        // The port is free again as soon as close() returns.
        new DatagramSocket(ports[2]).close();

        for (int id = 0; id < 2; id++) {
            Members.Recorder r = heard[id];
            await("member " + id + " to report member 2 lost", PATIENCE, () -> r.count("lost 2") == 1);
            Members.Recorder.Event lost = r.events.stream().filter(e -> e.text().equals("lost 2")).findFirst()
                    .orElseThrow();
            // Not before the deadtime: its last heartbeat came at most a keepalive before it stopped.
            assertTrue(lost.nanos() - stoppedAt >= DEADTIME.minus(KEEPALIVE.multipliedBy(2)).toNanos(),
                    "lost after " + (lost.nanos() - stoppedAt) / 1_000_000 + " ms");
            assertEquals(Liveness.LOST, liveness(members.get(id), 2));
        }

        HeartbeatLifecheck restarted = start(Members.config(dir, 2, ports, "wd_authkey = 'secret'"),
                new Members.Recorder());
        for (int id = 0; id < 2; id++) {
            Members.Recorder r = heard[id];
            await("member " + id + " to find member 2 again", PATIENCE, () -> r.count("found 2") == 2);
            assertEquals(Liveness.ALIVE, liveness(members.get(id), 2));
        }
        await("the restarted member to hear the others", PATIENCE, () -> allAlive(restarted));

        // Members 0 and 1 never lost each other, and heard of each change once, in order, on one thread
        // that is not the socket's.
        assertEquals(List.of("found 1", "found 2", "lost 2", "found 2"), order(heard[0]));
        assertEquals(List.of("found 0", "found 2", "lost 2", "found 2"), order(heard[1]));
        assertEquals(Set.of("lifecheck-events-0"),
                heard[0].events.stream().map(Members.Recorder.Event::thread).collect(Collectors.toSet()));
    }

    /** The events, with the two first "found" (whose order is a race) sorted. */
    private static List<String> order(Members.Recorder r) {
        List<String> texts = new ArrayList<>(r.texts());
        texts.subList(0, 2).sort(null);
        return texts;
    }

    @Test
    void heartbeatsWithoutTheRightAuthkeyAreRejected() throws IOException {
        int[] ports = Members.freeUdpPorts(3);
        Members.Recorder keyed = new Members.Recorder();
        HeartbeatLifecheck a = start(Members.config(dir, 0, ports, "wd_authkey = 'key-one'"), keyed);
        HeartbeatLifecheck b = start(Members.config(dir, 1, ports, "wd_authkey = 'key-two'"), new Members.Recorder());
        HeartbeatLifecheck open = start(Members.config(dir, 2, ports), new Members.Recorder());

        // Without a key of its own, member 2 accepts anyone's heartbeats.
        await("member 2 to hear 0 and 1", PATIENCE, () -> allAlive(open));
        // Member 0 refuses 1's (wrong key) and 2's (no key): after the deadtime it reports both lost.
        await("member 0 to report 1 and 2 lost", PATIENCE,
                () -> keyed.count("lost 1") == 1 && keyed.count("lost 2") == 1);
        assertEquals(List.of(), a.lastHeard().keySet().stream().toList());
        assertEquals(0, a.acceptedPackets());
        assertTrue(a.rejectedPackets() >= 2, "rejected " + a.rejectedPackets());
        assertTrue(b.rejectedPackets() >= 2, "rejected " + b.rejectedPackets());
        assertEquals(Set.of("lost 1", "lost 2"), Set.copyOf(keyed.texts()));
    }

    @Test
    void garbageIsCountedAndIgnored() throws IOException {
        int[] ports = Members.freeUdpPorts(2);
        Members.Recorder events = new Members.Recorder();
        HeartbeatLifecheck a = start(Members.config(dir, 0, ports), events);
        start(Members.config(dir, 1, ports), new Members.Recorder());
        await("member 0 to hear 1", PATIENCE, () -> allAlive(a));

        List<byte[]> garbage = new ArrayList<>();
        Random random = new Random(99);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[random.nextInt(100)];
            random.nextBytes(junk);
            garbage.add(junk);
        }
        garbage.add(new byte[0]);
        garbage.add(new byte[2000]);
        byte[] oversized = new HeartbeatPacket(1, 1, Long.MAX_VALUE).encode(new byte[0]);
        garbage.add(java.util.Arrays.copyOf(oversized, oversized.length + 1));
        garbage.add(new HeartbeatPacket(9, 1, Long.MAX_VALUE).encode(new byte[0])); // not a member
        garbage.add(new HeartbeatPacket(0, 1, Long.MAX_VALUE).encode(new byte[0])); // member 0's own id
        try (DatagramSocket sender = new DatagramSocket()) {
            for (byte[] g : garbage) {
                sender.send(new DatagramPacket(g, g.length, InetAddress.getByName("127.0.0.1"), ports[0]));
            }
        }

        await("every datagram to be refused", PATIENCE, () -> a.rejectedPackets() >= garbage.size());
        Instant before = a.lastHeard().get(1);
        await("heartbeats from member 1 to go on arriving", PATIENCE, () -> a.lastHeard().get(1).isAfter(before));
        assertEquals(garbage.size(), a.rejectedPackets());
        assertEquals(List.of("found 1"), events.texts());
    }

    @Test
    void aHeartbeatReachingAMemberByTwoAddressesCountsOnce() throws IOException {
        int[] ports = Members.freeUdpPorts(2);
        HeartbeatLifecheck a = start(Members.config(dir, 0, ports), new Members.Recorder());
        start(Members.config(dir, 1, ports, "heartbeat_hostname0 = '127.0.0.1;127.0.0.2'"), new Members.Recorder());

        await("copies by the second address", PATIENCE, () -> a.duplicatePackets() >= 5);
        assertEquals(0, a.rejectedPackets());
        assertEquals(0, a.stalePackets());
        assertEquals(a.acceptedPackets(), a.members().get(0).heartbeats());
        assertTrue(a.acceptedPackets() >= a.duplicatePackets() - 1,
                a.acceptedPackets() + " accepted, " + a.duplicatePackets() + " duplicates");
    }

    @Test
    void aBusyPortIsAClearErrorAndCloseReleasesIt() throws IOException {
        int[] ports = Members.freeUdpPorts(2);
        Config config = Members.config(dir, 0, ports);
        HeartbeatLifecheck first = start(config, new Members.Recorder());
        HeartbeatLifecheck second = new HeartbeatLifecheck(config, KEEPALIVE, DEADTIME, new Members.Recorder());
        started.add(second);

        IOException e = assertThrows(IOException.class, second::start);
        assertTrue(e.getMessage().contains("UDP port " + ports[0] + " (heartbeat_port0)"), e.getMessage());

        first.close();
        second.start();
        assertEquals(ports[0], second.port());
        assertThrows(IllegalStateException.class, second::start);
    }

    @Test
    void aMemberWithoutHeartbeatHostnameIsAConfigurationError() throws IOException {
        int[] ports = Members.freeUdpPorts(1);
        Config config = Members.config(dir, 0, ports, "heartbeat_port3 = 9000");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HeartbeatLifecheck(config, new Members.Recorder()));
        assertTrue(e.getMessage().startsWith("heartbeat_hostname3 is not set"), e.getMessage());
    }
}
