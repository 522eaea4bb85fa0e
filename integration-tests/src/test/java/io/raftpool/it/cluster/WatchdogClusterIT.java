package io.raftpool.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.PgInstallation;
import io.raftpool.it.pg.StopMode;
import io.raftpool.it.pg.Wait;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three raftpool instances, each in its own network namespace on a test bridge, in front of a real
 * PostgreSQL primary and two standbys, with a real delegate IP. Faults are real: kill -9, SIGSTOP, SIGTERM,
 * a link set down at the bridge. Every assertion is about what a user sees: who has the delegate IP in
 * {@code ip addr}, psql through the delegate IP from a client namespace, the lines the failover and
 * escalation scripts log, and SHOW pool_nodes through each member's address.
 *
 * <p>The invariant checked all along: at most one member holds the delegate IP at any instant (a
 * {@link VipSampler} watches every namespace during every test).
 *
 * <p>Needs root and {@code ip netns} (skipped otherwise). One PostgreSQL cluster, one network lab and one
 * raftpool cluster serve the whole class: tests run in order and each leaves every member running and
 * linked; the primary's failure comes last, as it cannot be undone cheaply.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchdogClusterIT {

    /** How long the delegate IP may take to appear, or to move after a fault. */
    static final Duration VIP_TIMEOUT = Duration.ofSeconds(20);
    /** How long a failover through the health check may take to show on every member. */
    static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);
    /** How long nothing more must happen after an event that must happen once. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    @RegisterExtension
    static final WatchdogClusterExtension fixture = new WatchdogClusterExtension(2);

    private WatchdogCluster cluster;
    private NetnsLab lab;
    private VipSampler sampler;

    @BeforeEach
    void restoreEveryMember() {
        cluster = fixture.cluster();
        lab = fixture.lab();
        sampler = fixture.sampler();
        for (int k = 0; k < cluster.size(); k++) {
            if (!lab.isLinkUp(k)) {
                lab.linkUp(k);
            }
            if (cluster.isAlive(k) && !cluster.isRunning(k)) {
                cluster.sigcont(k);
            }
            if (!cluster.isAlive(k)) {
                cluster.start(k);
            }
        }
        awaitAgreement("every member to be back", rows -> true);
    }

    // ---------------------------------------------------------------------------------------------------
    // the harness itself: these must pass before any watchdog behaviour is worth looking at

    @Test
    @Order(1)
    void threeMembersInThreeNamespacesFormOneRaftGroupAndReachTheBackends() throws IOException {
        for (int k = 1; k < cluster.size(); k++) {
            assertEquals(Files.readString(cluster.dir(0).resolve("pgpool.conf")),
                    Files.readString(cluster.dir(k).resolve("pgpool.conf")), "one pgpool.conf for every member");
            assertEquals(k + "", Files.readString(cluster.dir(k).resolve("pgpool_node_id")).strip());
        }
        Wait.until(Duration.ofSeconds(30), "one Raft leader in the members' logs", () -> oneLeaderPerTerm() >= 0);
        PgCluster pg = fixture.pg();
        for (int k = 0; k < cluster.size(); k++) {
            assertEquals(List.of(lab.memberNamespace(k)), namespacesOf(cluster.pid(k)),
                    "member " + k + "'s JVM runs in its own namespace");
            // a NULL server address: the backend connection is over the Unix socket
            String[] answer = cluster.query(lab.memberAddress(k),
                    "SELECT inet_server_addr() IS NULL, current_setting('port')").split("\\|");
            assertEquals("t", answer[0], "through member " + k);
            assertTrue(List.of(pg.port(0), pg.port(1), pg.port(2)).contains(Integer.parseInt(answer[1])),
                    "a backend answered through member " + k + ": port " + answer[1]);
        }
        awaitAgreement("every member to show the three backends up, node 0 primary", rows -> rows.size() == 3
                && status(rows, 0).equals("up primary") && status(rows, 1).equals("up standby")
                && status(rows, 2).equals("up standby"));
    }

    /**
     * The faults the other tests use do what they should, seen from the client namespace and in the Raft
     * group: a cut link or a frozen process times out, a killed one refuses connections, and each time the
     * remaining two members elect a new leader and the faulty one rejoins once repaired.
     */
    @Test
    @Order(2)
    void linkCutSigstopKillAndSigtermHitOnlyTheirMemberAndTheGroupCarriesOn() throws Exception {
        Wait.until(Duration.ofSeconds(30), "a Raft leader", () -> oneLeaderPerTerm() >= 0);

        int leader = oneLeaderPerTerm();
        long term = latestTerm();
        lab.linkDown(leader);
        assertUnreachable(leader, "timeout expired", "No route to host");
        int next = awaitNewLeader(term);
        lab.linkUp(leader);
        awaitAgreement("member " + leader + " to be reconnected", rows -> true);

        term = latestTerm();
        cluster.sigstop(next);
        assertUnreachable(next, "timeout expired");
        int third = awaitNewLeader(term);
        cluster.sigcont(next);
        awaitAgreement("member " + next + " to thaw", rows -> true);

        term = latestTerm();
        cluster.kill9(third);
        assertUnreachable(third, "Connection refused");
        int fourth = awaitNewLeader(term);
        cluster.start(third);
        awaitAgreement("member " + third + " to be restarted", rows -> true);

        int follower = (fourth + 1) % cluster.size();
        int status = cluster.sigterm(follower);
        assertFalse(cluster.isAlive(follower), "member " + follower + " exited with status " + status);
        assertUnreachable(follower, "Connection refused");
        assertEquals(fourth, oneLeaderPerTerm(), "stopping a follower changes no leader");
        cluster.start(follower);
        awaitAgreement("member " + follower + " to be started again", rows -> true);
    }

    /** psql to member {@code k} fails with one of {@code why}, while the other members answer. */
    private void assertUnreachable(int k, String... why) {
        NetnsLab.Result r = cluster.psql(k, "SELECT 1");
        assertFalse(r.ok(), "member " + k + " answered: " + r.output());
        assertTrue(List.of(why).stream().anyMatch(r.output()::contains), "psql to member " + k + ": " + r.output());
        for (int o = 0; o < cluster.size(); o++) {
            if (o != k) {
                assertEquals("1", cluster.query(lab.memberAddress(o), "SELECT 1"), "member " + o + " answers");
            }
        }
    }

    /** Waits until a member leads a term later than {@code term}; returns it. */
    private int awaitNewLeader(long term) {
        Wait.until(Duration.ofSeconds(30), "a leader of a term after " + term, () -> latestTerm() > term);
        return oneLeaderPerTerm();
    }

    private long latestTerm() {
        return cluster.leaderTerms().values().stream().flatMap(List::stream).mapToLong(Long::longValue).max()
                .orElse(-1);
    }

    // ---------------------------------------------------------------------------------------------------
    // consensus on the backends (no delegate IP involved)

    /** Scenario 8, with a quorum: an admin detach through one member reaches every member. */
    @Test
    @Order(10)
    void anAdminDetachThroughOneMemberReachesEveryMemberAndAnAttachThroughAnotherUndoesIt() {
        long before = count(cluster.failoverEvents(), "failover failed=2 ");
        NetnsLab.Result detach = cluster.cli(0, "detach-node", "-n", "2");
        assertEquals(0, detach.exitCode(), detach.output());
        assertTrue(detach.output().contains("pcp_detach_node -- Command Successful"), detach.output());
        awaitAgreement("every member to show node 2 down", rows -> status(rows, 2).startsWith("down"));
        staysTrue("failover_command to have run once for the detach",
                () -> count(cluster.failoverEvents(), "failover failed=2 ") == before + 1);
        NetnsLab.Result info = cluster.cli(2, "node-info", "-n", "2");
        assertEquals(0, info.exitCode(), info.output());
        assertTrue(info.output().contains(" down "), "member 2 says node 2 is down: " + info.output());

        NetnsLab.Result attach = cluster.cli(1, "attach-node", "-n", "2");
        assertEquals(0, attach.exitCode(), attach.output());
        assertTrue(attach.output().contains("pcp_attach_node -- Command Successful"), attach.output());
        awaitAgreement("every member to show node 2 up again", rows -> status(rows, 2).equals("up standby"));
    }

    /** Scenario 6: a standby failure every member sees is failed over once in the whole cluster. */
    @Test
    @Order(11)
    void aStandbyFailureSeenByEveryMemberRunsFailoverCommandOnce() throws Exception {
        PgCluster pg = fixture.pg();
        long before = count(cluster.failoverEvents(), "failover failed=2 ");
        pg.stop(2, StopMode.IMMEDIATE);
        awaitAgreement("every member to show node 2 down", rows -> status(rows, 2).startsWith("down"));
        staysTrue("failover_command to have run exactly once in the whole cluster",
                () -> count(cluster.failoverEvents(), "failover failed=2 ") == before + 1);
        assertTrue(cluster.failoverEvents().stream().noneMatch(e -> e.startsWith("follow")),
                "no follow_primary_command for a standby: " + cluster.failoverEvents());

        pg.start(2);
        NetnsLab.Result attach = cluster.cli(0, "attach-node", "-n", "2");
        assertEquals(0, attach.exitCode(), attach.output());
        awaitAgreement("every member to show node 2 up again", rows -> status(rows, 2).equals("up standby"));
    }

    /**
     * Scenario 5: a backend failure seen by one member only (its health check of node 1 logs in as a user that
     * does not exist) is no failover: that member alone quarantines the node, the others keep routing to it,
     * and the node comes back on that member once its health check passes again.
     */
    @Test
    @Order(12)
    void aFailureSeenByOneMemberOnlyIsQuarantinedThereAndFailsNothingOver() throws Exception {
        long before = count(cluster.failoverEvents(), "failover ");
        Path conf = cluster.dir(2).resolve("pgpool.conf");
        String original = Files.readString(conf);
        try {
            Files.writeString(conf, original + "\nhealth_check_user1 = 'no_such_user'\n");
            NetnsLab.Result reload = cluster.cli(2, "reload");
            assertEquals(0, reload.exitCode(), reload.output());
            Wait.until(FAILOVER_TIMEOUT, "member 2 to quarantine node 1",
                    () -> status(cluster.poolNodes(2), 1).equals("quarantine standby"));
            for (int k = 0; k < 2; k++) {
                assertEquals("up standby", status(cluster.poolNodes(k), 1), "member " + k + " still routes to node 1");
            }
            staysTrue("no failover_command anywhere and node 1 still up on members 0 and 1",
                    () -> count(cluster.failoverEvents(), "failover ") == before
                            && status(cluster.poolNodes(0), 1).equals("up standby"));
            NetnsLab.Result info = cluster.cli(2, "watchdog-info", "--json");
            assertEquals(0, info.exitCode(), info.output());
            assertTrue(info.output().contains("\"quorum_state\":\"QUORUM EXIST\""), info.output());
        } finally {
            Files.writeString(conf, original);
            cluster.cli(2, "reload");
        }
        Wait.until(FAILOVER_TIMEOUT, "member 2 to route to node 1 again",
                () -> status(cluster.poolNodes(2), 1).equals("up standby"));
    }

    // ---------------------------------------------------------------------------------------------------
    // the delegate IP

    /** Scenario 1: on start, exactly one member (the Raft leader) holds the delegate IP, and it answers. */
    @Test
    @Order(20)
    void exactlyOneMemberHoldsTheDelegateIpAndItAnswers() {
        int holder = awaitSingleHolder(VIP_TIMEOUT);
        staysTrue("member " + holder + " to remain the only holder", () -> sampler.holders().equals(List.of(holder)));
        assertTrue(lab.holdsIp(holder, lab.vip()), lab.addressLines(holder));
        int leader = oneLeaderPerTerm();
        assertEquals(leader, holder, "the holder is the member that leads the latest Raft term: "
                + cluster.leaderTerms());
        assertTrue(cluster.escalationEvents().stream().anyMatch(e -> e.startsWith("escalation "
                + lab.memberNamespace(holder) + " ")), "the holder ran wd_escalation_command: "
                + cluster.escalationEvents());
        assertEquals(cluster.poolNodes(0), poolNodesThroughVip(), "SHOW pool_nodes through the delegate IP");
        awaitAgreement("every member to agree", rows -> rows.size() == 3);
        // Every member names the same leader, and only the holder says it escalated.
        for (int k = 0; k < cluster.size(); k++) {
            int member = k;
            Wait.until(VIP_TIMEOUT, "member " + k + "'s watchdog-info to name member " + holder + " as leader", () -> {
                String info = cluster.cli(member, "watchdog-info", "--json").output();
                return info.contains("\"leader_id\":" + holder + ",")
                        && info.contains("\"local_escalated\":" + (member == holder))
                        && info.contains("\"escalated_member\":" + holder + ",");
            });
        }
        sampler.assertNeverHeldTwice();
    }

    /** Scenario 2: a clean stop of the holder hands the delegate IP to another member. */
    @Test
    @Order(21)
    void sigtermOnTheHolderMovesTheDelegateIpToAnotherMember() throws Exception {
        int holder = awaitSingleHolder(VIP_TIMEOUT);
        long deEscalations = deEscalations(holder);
        cluster.sigterm(holder);
        int next = awaitHolderOtherThan(holder, "SIGTERM");
        assertTrue(deEscalations(holder) > deEscalations, "the stopped holder ran wd_de_escalation_command: "
                + cluster.escalationEvents());
        assertEquals("1", cluster.query(lab.vip(), "SELECT 1"), "psql through the delegate IP");
        Wait.until(VIP_TIMEOUT, "the new holder to show member " + holder + " as shut down",
                () -> cluster.cli(next, "watchdog-info").output().lines()
                        .anyMatch(l -> l.contains(" 10 SHUTDOWN ") && l.contains(":" + WatchdogCluster.PORT + " ")
                                && l.startsWith(lab.memberAddress(holder) + ":")));
        comesBackWithoutTheVip(holder, next, () -> cluster.start(holder));
    }

    /** Scenario 3, kill -9: another member takes the IP; the restarted one does not. */
    @Test
    @Order(22)
    void killMinus9OfTheHolderMovesTheDelegateIpAndTheRestartedMemberDoesNotTakeItBack() throws Exception {
        int holder = awaitSingleHolder(VIP_TIMEOUT);
        cluster.kill9(holder);
        int next = awaitHolderOtherThan(holder, "kill -9");
        assertEquals("1", cluster.query(lab.vip(), "SELECT 1"), "psql through the delegate IP");
        // No heartbeat for wd_heartbeat_deadtime (5 s here): every member records it lost.
        Wait.until(VIP_TIMEOUT, "the new holder to show member " + holder + " as lost",
                () -> cluster.cli(next, "watchdog-info").output().lines()
                        .anyMatch(l -> l.contains(" 8 LOST ") && l.startsWith(lab.memberAddress(holder) + ":")));
        comesBackWithoutTheVip(holder, next, () -> cluster.start(holder));
    }

    /** Scenario 3, SIGSTOP: another member takes the IP (fencing the frozen one); SIGCONT does not bring it back. */
    @Test
    @Order(23)
    void aFrozenHolderLosesTheDelegateIpAndDoesNotTakeItBackWhenItThaws() throws Exception {
        int holder = awaitSingleHolder(VIP_TIMEOUT);
        cluster.sigstop(holder);
        int next = awaitHolderOtherThan(holder, "SIGSTOP");
        assertEquals("1", cluster.query(lab.vip(), "SELECT 1"), "psql through the delegate IP");
        comesBackWithoutTheVip(holder, next, () -> cluster.sigcont(holder));
    }

    /** Scenario 3, link cut: the isolated holder loses the IP to the majority's leader; link up does not return it. */
    @Test
    @Order(24)
    void aHolderCutOffTheNetworkLosesTheDelegateIpAndDoesNotTakeItBackWhenReconnected() throws Exception {
        int holder = awaitSingleHolder(VIP_TIMEOUT);
        lab.linkDown(holder);
        int next = awaitHolderOtherThan(holder, "link down");
        assertEquals("1", cluster.query(lab.vip(), "SELECT 1"), "psql through the delegate IP");
        comesBackWithoutTheVip(holder, next, () -> lab.linkUp(holder));
    }

    /** Scenario 9: a client working through the delegate IP carries on after the holder is killed. */
    @Test
    @Order(25)
    void aClientThroughTheDelegateIpReconnectsAndWritesAfterTheHolderIsKilled() throws Exception {
        int holder = awaitSingleHolder(VIP_TIMEOUT);
        cluster.query(lab.vip(), "CREATE TABLE IF NOT EXISTS vip_client (v int)");
        Path out = Files.createTempFile("vip-client-", ".log");
        Process client = startClientLoop(out);
        try {
            Wait.until(Duration.ofSeconds(30), "5 writes through the delegate IP", () -> oks(out, 0) >= 5);
            double killedAt = epoch(Instant.now());
            cluster.kill9(holder);
            Wait.until(VIP_TIMEOUT.plus(Duration.ofSeconds(10)), "5 writes through the delegate IP after the kill",
                    () -> oks(out, killedAt) >= 5);
            List<String> acknowledged = Files.readAllLines(out).stream().filter(l -> l.startsWith("ok "))
                    .map(l -> l.split(" ")[1]).toList();
            PgCluster pg = fixture.pg();
            assertEquals(String.valueOf(acknowledged.size()), pg.query(pg.primary(),
                    "SELECT count(*) FROM vip_client WHERE v IN (" + String.join(",", acknowledged) + ")"),
                    "every acknowledged write is in the primary");
        } finally {
            client.descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
            client.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
        int next = awaitHolderOtherThan(holder, "kill -9");
        comesBackWithoutTheVip(holder, next, () -> cluster.start(holder));
    }

    /** Scenario 4: a member alone drops the delegate IP; with a second member back, the IP comes back. */
    @Test
    @Order(26)
    void withTwoOfThreeMembersStoppedTheSurvivorDropsTheDelegateIpUntilOneReturns() throws Exception {
        int holder = awaitSingleHolder(VIP_TIMEOUT);
        List<Integer> others = new ArrayList<>();
        for (int k = 0; k < cluster.size(); k++) {
            if (k != holder) {
                others.add(k);
            }
        }
        long deEscalations = deEscalations(holder);
        for (int k : others) {
            cluster.sigterm(k);
        }
        Wait.until(VIP_TIMEOUT, "member " + holder + ", alone, to drop the delegate IP",
                () -> sampler.holders().isEmpty());
        assertFalse(lab.holdsIp(holder, lab.vip()), lab.addressLines(holder));
        assertTrue(deEscalations(holder) > deEscalations, "the survivor ran wd_de_escalation_command: "
                + cluster.escalationEvents());

        cluster.start(others.get(0));
        int back = awaitSingleHolder(VIP_TIMEOUT);
        assertTrue(back == holder || back == others.get(0), "a running member holds it: " + back);
        assertEquals("1", cluster.query(lab.vip(), "SELECT 1"), "psql through the delegate IP");
        cluster.start(others.get(1));
        awaitAgreement("every member to be back", rows -> true);
        assertEquals(List.of(back), sampler.holders());
        sampler.assertNeverHeldTwice();
    }

    // ---------------------------------------------------------------------------------------------------
    // last: the primary's failure changes the backends for good

    /** Scenario 7: one promotion, one follow per remaining standby, every member agrees on the new primary. */
    @Test
    @Order(90)
    void aPrimaryFailureIsOnePromotionAndOneFollowPerStandbyAndEveryMemberAgrees() throws Exception {
        PgCluster pg = fixture.pg();
        pg.stop(0, StopMode.IMMEDIATE);
        awaitAgreement("every member to show node 1 as the new primary and node 2 following it",
                rows -> status(rows, 0).startsWith("down") && status(rows, 1).equals("up primary")
                        && status(rows, 2).equals("up standby"));
        staysTrue("one promotion and one follow in the whole cluster", () -> {
            List<String> e = cluster.failoverEvents();
            return count(e, "failover failed=0 new_main=1 ") == 1 && count(e, "follow node=2 new_primary=1") == 1
                    && count(e, "failover failed=0 ") == 1 && count(e, "follow ") == 1;
        });
        assertEquals("f", pg.query(1, "SELECT pg_is_in_recovery()"));
        Wait.until(Duration.ofSeconds(30), "node 2 to stream from node 1",
                () -> "1".equals(pg.query(1, "SELECT count(*) FROM pg_stat_replication WHERE application_name = 'node2'")));
        for (int k = 0; k < cluster.size(); k++) {
            int member = k;
            Wait.until(Duration.ofSeconds(30), "a write through member " + k, () -> cluster.psql(member,
                    "CREATE TABLE IF NOT EXISTS after_failover (m int); INSERT INTO after_failover VALUES (" + member
                            + ")").ok());
        }
        assertEquals("3", pg.query(1, "SELECT count(*) FROM after_failover"));
    }

    // ---------------------------------------------------------------------------------------------------

    /**
     * Brings {@code old} back with {@code action}, waits until it is part of the cluster again, and checks
     * that it did not take the delegate IP back: {@code next} still holds it, alone, and nobody ever held it
     * together with anybody.
     */
    private void comesBackWithoutTheVip(int old, int next, ThrowingRunnable action) throws Exception {
        action.run();
        awaitAgreement("member " + old + " to be back", rows -> true);
        assertFalse(lab.holdsIp(old, lab.vip()), "member " + old + " came back without the delegate IP: "
                + lab.addressLines(old));
        assertTrue(lab.holdsIp(next, lab.vip()), "member " + next + " still holds it: " + lab.addressLines(next));
        assertEquals(List.of(next), sampler.holders(), sampler.history());
        sampler.assertNeverHeldTwice();
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Waits until exactly one member holds the delegate IP (per the sampler, then per ip addr); returns it. */
    private int awaitSingleHolder(Duration timeout) {
        Wait.until(timeout, "exactly one member to hold the delegate IP " + lab.vip(),
                () -> sampler.holders().size() == 1);
        int holder = sampler.holders().get(0);
        for (int k = 0; k < cluster.size(); k++) {
            assertEquals(k == holder, lab.holdsIp(k, lab.vip()), "ip addr in member " + k + ": "
                    + lab.addressLines(k));
        }
        return holder;
    }

    /** Waits until one member other than {@code old} holds the delegate IP and {@code old} does not. */
    private int awaitHolderOtherThan(int old, String fault) {
        Wait.until(VIP_TIMEOUT, "another member than " + old + " to hold the delegate IP alone after " + fault,
                () -> {
                    List<Integer> h = sampler.holders();
                    return h.size() == 1 && h.get(0) != old;
                });
        int next = sampler.holders().get(0);
        assertNotEquals(old, next);
        assertFalse(lab.holdsIp(old, lab.vip()), lab.addressLines(old));
        assertTrue(lab.holdsIp(next, lab.vip()), lab.addressLines(next));
        sampler.assertNeverHeldTwice();
        return next;
    }

    /**
     * The member that led the highest Raft term, after checking that no term had two leaders; -1 while no
     * member has led any.
     */
    private int oneLeaderPerTerm() {
        Map<Integer, List<Long>> terms = cluster.leaderTerms();
        Map<Long, List<Integer>> leadersByTerm = new java.util.TreeMap<>();
        terms.forEach((member, ts) -> ts.forEach(t -> leadersByTerm.computeIfAbsent(t, x -> new ArrayList<>()).add(member)));
        leadersByTerm.forEach((t, leaders) -> assertEquals(1, leaders.stream().distinct().count(),
                "term " + t + " had leaders " + leaders));
        if (leadersByTerm.isEmpty()) {
            return -1;
        }
        return leadersByTerm.get(((java.util.TreeMap<Long, List<Integer>>) leadersByTerm).lastKey()).get(0);
    }

    /** Waits until every running, linked member answers SHOW pool_nodes alike and {@code expected} holds. */
    private void awaitAgreement(String what, java.util.function.Predicate<List<String>> expected) {
        Wait.until(FAILOVER_TIMEOUT, what + " (SHOW pool_nodes alike on every member)",
                () -> cluster.allAgree(expected));
    }

    /**
     * Waits until {@code condition} holds, then asks it again for {@link #SETTLE} and fails at once if it is
     * ever false: for something that must happen, and then not happen again.
     */
    private static void staysTrue(String what, Callable<Boolean> condition) {
        Wait.until(FAILOVER_TIMEOUT, what, condition);
        long end = System.nanoTime() + SETTLE.toNanos();
        Wait.until(SETTLE.plusSeconds(30), what + ", still, " + SETTLE.toMillis() + " ms later", () -> {
            if (!condition.call()) {
                throw new AssertionError("no longer true: " + what);
            }
            return System.nanoTime() - end >= 0;
        });
    }

    /** How many times member {@code k} ran wd_de_escalation_command so far. */
    private long deEscalations(int k) {
        return count(cluster.escalationEvents(), "de-escalation " + lab.memberNamespace(k) + " ");
    }

    /** "status role" of backend {@code id} in rows of {@link WatchdogCluster#poolNodes}. */
    private static String status(List<String> rows, int id) {
        for (String r : rows) {
            String[] c = r.split("\\|");
            if (c[0].equals(String.valueOf(id))) {
                return c[3] + " " + c[5];
            }
        }
        return "absent";
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    private List<String> poolNodesThroughVip() {
        return List.of(cluster.query(lab.vip(), "SHOW pool_nodes").split("\n")).stream().map(line -> {
            String[] c = line.split("\\|", -1);
            return String.join("|", c[0], c[1], c[2], c[3], c[5], c[6], c[13]);
        }).collect(Collectors.toList());
    }

    private static List<String> namespacesOf(long pid) {
        NetnsLab.Result r = NetnsLab.run(Duration.ofSeconds(10), List.of("ip", "netns", "identify", String.valueOf(pid)));
        return List.of(r.output().strip().split("\\s+"));
    }

    /**
     * A client in the client namespace: a fresh psql through the delegate IP every 100 ms, each writing one
     * row, printing "ok N time" or "fail N time".
     */
    private Process startClientLoop(Path out) throws IOException {
        String psql = PgInstallation.locate().binDir().resolve("psql").toString();
        String loop = """
                i=0
                while :; do
                    i=$((i+1))
                    if PGCONNECT_TIMEOUT=2 %s -X -q -h %s -p %d -U postgres -d postgres -c "INSERT INTO vip_client VALUES ($i)" >/dev/null 2>&1
                    then echo "ok $i $(date +%%s.%%N)"
                    else echo "fail $i $(date +%%s.%%N)"
                    fi
                    sleep 0.1
                done
                """.formatted(psql, lab.vip(), WatchdogCluster.PORT);
        return new ProcessBuilder("ip", "netns", "exec", lab.clientNamespace(), "bash", "-c", loop)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** How many "ok" lines {@code out} has with a time after {@code after} (epoch seconds). */
    private static long oks(Path out, double after) throws IOException {
        return Files.readAllLines(out).stream().map(l -> l.split(" ")).filter(f -> f.length == 3 && f[0].equals("ok"))
                .filter(f -> Double.parseDouble(f[2]) > after).count();
    }

    private static double epoch(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
