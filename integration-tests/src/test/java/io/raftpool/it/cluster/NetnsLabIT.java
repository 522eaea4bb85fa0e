package io.raftpool.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.Wait;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test network itself, without raftpool: namespaces joined by a bridge, links that can be cut, the
 * delegate-IP sampler (which must catch two holders and must not invent them), and cleanup that leaves
 * nothing behind. Needs root and {@code ip netns}; skipped otherwise.
 */
class NetnsLabIT {

    private static final Duration SHORT = Duration.ofMillis(1500);
    private static NetnsLab lab;
    private static Set<String> hostLinksBefore;

    @BeforeAll
    static void createLab() {
        NetnsLab.unavailableReason().ifPresent(why -> Assumptions.abort("skipped: " + why));
        hostLinksBefore = hostLinks();
        lab = NetnsLab.create(3);
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
            assertTrue(lab.isGone(), "namespaces left: " + NetnsLab.existingNamespaces());
            assertEquals(hostLinksBefore, hostLinks(), "the host's own interfaces changed");
        }
    }

    /** The interface names of the namespace the tests run in (the host's). */
    private static Set<String> hostLinks() {
        NetnsLab.Result r = NetnsLab.run(Duration.ofSeconds(10), List.of("ip", "-o", "link", "show"));
        Set<String> names = new TreeSet<>();
        for (String line : r.output().split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1) {
                names.add(f[1].split("@")[0]);
            }
        }
        return names;
    }

    /** A kernel answering "refused" on a closed port proves the address is reachable. */
    private static boolean reachable(String fromNs, String address) {
        NetnsLab.Result r = lab.tcpAttempt(fromNs, address, 1, SHORT);
        return r.output().contains("Connection refused");
    }

    @Test
    void everyNamespaceReachesEveryMemberAndTheHostSeesNoneOfIt() {
        for (int k = 0; k < lab.members(); k++) {
            assertTrue(reachable(lab.clientNamespace(), lab.memberAddress(k)), "client -> member " + k);
            assertTrue(reachable(lab.memberNamespace(k), lab.memberAddress((k + 1) % lab.members())),
                    "member " + k + " -> member " + ((k + 1) % lab.members()));
            assertTrue(lab.addressLines(k).contains(" " + NetnsLab.DEVICE + " "), lab.addressLines(k));
        }
        assertEquals(hostLinksBefore, hostLinks(), "nothing was added to the host's namespace");
        NetnsLab.Result hostAddrs = NetnsLab.run(Duration.ofSeconds(10), List.of("ip", "-o", "-4", "addr", "show"));
        String subnet = lab.vip().substring(0, lab.vip().lastIndexOf('.') + 1);
        assertFalse(hostAddrs.output().contains(subnet), "the lab's subnet is not on the host: " + hostAddrs.output());
    }

    @Test
    void aCutLinkIsolatesOnlyThatMemberUntilItIsUpAgain() {
        lab.linkDown(1);
        try {
            assertFalse(lab.isLinkUp(1));
            assertFalse(reachable(lab.clientNamespace(), lab.memberAddress(1)), "member 1 is cut off");
            assertFalse(reachable(lab.memberNamespace(0), lab.memberAddress(1)), "from member 0 too");
            assertTrue(reachable(lab.clientNamespace(), lab.memberAddress(0)), "member 0 is not");
            assertTrue(reachable(lab.memberNamespace(2), lab.memberAddress(0)), "nor are the others");
        } finally {
            lab.linkUp(1);
        }
        assertTrue(lab.isLinkUp(1));
        Wait.until(Duration.ofSeconds(10), "member 1 to be reachable again",
                () -> reachable(lab.clientNamespace(), lab.memberAddress(1)));
    }

    @Test
    void theSamplerSeesWhoHoldsTheVipAndCatchesTwoHoldersButNotAHandover() {
        String vip = lab.vip();
        try (VipSampler sampler = VipSampler.start(lab, vip)) {
            assertEquals(Optional.empty(), sampler.holder());
            addVip(0);
            assertTrue(lab.holdsIp(0, vip));
            assertFalse(lab.holdsIp(1, vip));
            assertEquals(Optional.of(0), sampler.holder(), sampler.history());
            // handovers, each released just before the next holder takes it: never two holders, however the
            // samples of the namespaces interleave with the move. (Between moves, a few rounds pass: a member
            // releasing and re-taking the IP within one round is beyond what sampling can tell apart.)
            for (int i = 0; i < 12; i++) {
                delVip(i % 3);
                addVip((i + 1) % 3);
                long rounds = sampler.rounds();
                Wait.until(Duration.ofSeconds(5), "two sampling rounds", () -> sampler.rounds() > rounds + 2);
            }
            assertEquals(Optional.of(0), sampler.holder(), sampler.history());
            sampler.assertNeverHeldTwice();
            assertTrue(sampler.runs().size() >= 12, "the sampler saw every holder: " + sampler.history());

            addVip(2);
            long rounds = sampler.rounds();
            Wait.until(Duration.ofSeconds(5), "a few rounds with two holders", () -> sampler.rounds() > rounds + 3);
            assertEquals(List.of(0, 2), sampler.holders());
            assertThrows(AssertionError.class, sampler::holder);
            AssertionError caught = assertThrows(AssertionError.class, sampler::assertNeverHeldTwice);
            assertTrue(caught.getMessage().contains("members 0 and 2") || caught.getMessage().contains("members 2 and 0"),
                    caught.getMessage());
        } finally {
            for (int k = 0; k < lab.members(); k++) {
                if (lab.holdsIp(k, vip)) {
                    delVip(k);
                }
            }
        }
    }

    private static void addVip(int k) {
        NetnsLab.Result r = NetnsLab.run(Duration.ofSeconds(10), List.of("ip", "-n", lab.memberNamespace(k), "addr",
                "add", lab.vip() + "/24", "dev", NetnsLab.DEVICE, "label", NetnsLab.DEVICE + ":0"));
        assertTrue(r.ok(), r.output());
    }

    private static void delVip(int k) {
        NetnsLab.Result r = NetnsLab.run(Duration.ofSeconds(10), List.of("ip", "-n", lab.memberNamespace(k), "addr",
                "del", lab.vip() + "/24", "dev", NetnsLab.DEVICE));
        assertTrue(r.ok(), r.output());
    }

    @Test
    void closingALabKillsWhatRunsInItAndRemovesEveryNamespace() throws Exception {
        NetnsLab other = NetnsLab.create(2);
        Process inside = new ProcessBuilder("ip", "netns", "exec", other.memberNamespace(1), "sleep", "1000")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        Wait.until(Duration.ofSeconds(10), "sleep to run in the namespace",
                () -> other.pids(other.memberNamespace(1)).contains(inside.pid()));
        List<String> names = other.namespaces();
        assertEquals(4, names.size(), names.toString());
        other.close();
        assertTrue(inside.waitFor(10, TimeUnit.SECONDS), "the process inside was killed");
        assertTrue(other.isGone(), "namespaces left: " + NetnsLab.existingNamespaces());
        assertTrue(NetnsLab.existingNamespaces().stream().noneMatch(names::contains));
        assertEquals(hostLinksBefore, hostLinks());
    }

    @Test
    void leftoversOfADeadRunAreRemovedAndLiveOnesAreNot() throws Exception {
        // a run that started an hour before this JVM, by a process that has exited since
        Process dead = new ProcessBuilder("sleep", "60").start();
        dead.destroyForcibly();
        assertTrue(dead.waitFor(10, TimeUnit.SECONDS));
        long start = ProcessHandle.current().info().startInstant().orElseThrow().getEpochSecond() - 3600;
        String stale = "rp" + dead.pid() + "-" + Long.toString(start, 36) + "-1-cl";
        ProcessHandle self = ProcessHandle.current();
        String live = "rp" + self.pid() + "-" + Long.toString(self.info().startInstant().orElseThrow()
                .getEpochSecond(), 36) + "-999-cl";
        String foreign = "rpother-cl";
        try {
            for (String ns : List.of(stale, live, foreign)) {
                assertTrue(NetnsLab.run(Duration.ofSeconds(10), List.of("ip", "netns", "add", ns)).ok(), ns);
            }
            NetnsLab.removeStale();
            List<String> now = NetnsLab.existingNamespaces();
            assertFalse(now.contains(stale), "a dead run's namespace is removed: " + now);
            assertTrue(now.contains(live), "a live run's namespace is kept: " + now);
            assertTrue(now.contains(foreign), "another naming scheme is not touched: " + now);
        } finally {
            for (String ns : List.of(stale, live, foreign)) {
                NetnsLab.run(Duration.ofSeconds(10), List.of("ip", "netns", "del", ns));
            }
        }
    }
}
