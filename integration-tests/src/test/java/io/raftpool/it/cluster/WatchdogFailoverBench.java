package io.raftpool.it.cluster;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.Wait;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Not part of the test suite (its name does not end in IT): run by bench/watchdog-failover.sh. With three
 * raftpool members in network namespaces and if_up_cmd/if_down_cmd scripts that log {@code date +%s.%N},
 * measures over several runs:
 * <ol>
 * <li>from kill -9 of the delegate-IP holder to the delegate IP accepting a TCP connection on the proxy
 *     port again (from the client namespace), which only another member can do;
 * <li>from cutting the holder's link to the old holder's if_down_cmd and to the new holder's if_up_cmd.
 * </ol>
 * and prints each run and the medians. Needs root and {@code ip netns}.
 */
class WatchdogFailoverBench {

    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MOVE_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void timeForTheDelegateIpToMove() throws Exception {
        NetnsLab.unavailableReason().ifPresent(why -> Assumptions.abort("skipped: " + why));
        int runs = Integer.getInteger("bench.runs", 5);
        try (PgCluster pg = PgCluster.create(1); NetnsLab lab = NetnsLab.create(3);
                WatchdogCluster cluster = WatchdogCluster.create(pg, lab,
                        WatchdogCluster.Options.defaults().withLoggedIfCommands());
                VipSampler sampler = VipSampler.start(lab, lab.vip())) {
            try {
                measure(cluster, sampler, runs);
            } catch (RuntimeException | AssertionError e) {
                System.err.println("===== the benchmark failed: " + e + " =====");
                cluster.dump(System.err, 200);
                System.err.println(sampler.history());
                throw e;
            }
        }
    }

    private static void measure(WatchdogCluster cluster, VipSampler sampler, int runs) throws Exception {
        NetnsLab lab = cluster.lab();
        cluster.startAll();
        List<Double> answers = new ArrayList<>();
        List<Double> killUps = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            int holder = steady(cluster, sampler);
            double killedAt = epoch(Instant.now());
            long killed = System.nanoTime();
            cluster.kill9(holder);
            long answered = awaitVipAnswers(cluster, killed);
            double s = (answered - killed) / 1e9;
            answers.add(s);
            int next = sampler.holder().orElse(-1);
            String old = lab.memberNamespace(holder);
            Optional<double[]> up = await(cluster, "up ", killedAt, ns -> !ns.equals(old), Duration.ofSeconds(5));
            up.ifPresent(u -> killUps.add(u[0] - killedAt));
            System.out.printf("kill run %d: the delegate IP answered %.3f s after kill -9 of member %d (now on member"
                    + " %d; its if_up_cmd ran after %s)%n", run, s, holder, next,
                    up.map(u -> String.format("%.3f s", u[0] - killedAt)).orElse("?"));
            cluster.start(holder);
        }
        List<Double> downs = new ArrayList<>();
        List<Double> ups = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            int holder = steady(cluster, sampler);
            double cut = epoch(Instant.now());
            lab.linkDown(holder);
            String old = lab.memberNamespace(holder);
            Optional<double[]> up = await(cluster, "up ", cut, ns -> !ns.equals(old), MOVE_TIMEOUT);
            // the old holder runs if_down_cmd when it finds itself cut off; when it was fenced already,
            // its ip addr del fails, but the time it ran is what is measured
            Optional<double[]> down = await(cluster, "down ", cut, ns -> ns.equals(old), Duration.ofSeconds(20));
            String upText = up.map(u -> String.format("new holder member %d ran if_up_cmd after %.3f s",
                    (int) u[1], u[0] - cut)).orElse("no other member ran if_up_cmd within "
                    + MOVE_TIMEOUT.toSeconds() + " s");
            String downText = down.map(d -> String.format("it ran if_down_cmd after %.3f s (%s)", d[0] - cut,
                    d[2] == 0 ? "removed the IP" : "the IP was gone already")).orElse("it ran no if_down_cmd");
            System.out.printf("cut run %d: link of holder member %d cut: %s; %s%n", run, holder, downText, upText);
            up.ifPresent(u -> ups.add(u[0] - cut));
            down.ifPresent(d -> downs.add(d[0] - cut));
            lab.linkUp(holder);
        }
        sampler.assertNeverHeldTwice();
        System.out.printf("watchdog failover: kill -9 of the holder -> new holder's if_up_cmd: %s%n", summary(killUps));
        System.out.printf("watchdog failover: kill -9 of the holder -> delegate IP answers: %s%n", summary(answers));
        System.out.printf("watchdog failover: link cut of the holder -> its if_down_cmd: %s%n", summary(downs));
        System.out.printf("watchdog failover: link cut of the holder -> new holder's if_up_cmd: %s%n", summary(ups));
        if (ups.size() < runs) {
            throw new AssertionError("the delegate IP did not move after every link cut; see above");
        }
    }

    /**
     * Brings every member back, waits for them to agree and for one holder whose delegate IP accepts
     * connections; returns the holder.
     */
    private static int steady(WatchdogCluster cluster, VipSampler sampler) {
        NetnsLab lab = cluster.lab();
        for (int k = 0; k < cluster.size(); k++) {
            if (!lab.isLinkUp(k)) {
                lab.linkUp(k);
            }
            if (!cluster.isAlive(k)) {
                cluster.start(k);
            }
        }
        Wait.until(STEADY_TIMEOUT, "every member to answer alike", () -> cluster.allAgree(rows -> true)
                && cluster.poolNodesOfRunningMembers().size() == cluster.size());
        Wait.until(STEADY_TIMEOUT, "one member to hold the delegate IP (does the watchdog escalate?)",
                () -> sampler.holders().size() == 1);
        Wait.until(STEADY_TIMEOUT, "the delegate IP to accept connections",
                () -> lab.tcpConnects(lab.clientNamespace(), lab.vip(), WatchdogCluster.PORT, Duration.ofMillis(500)));
        return sampler.holders().get(0);
    }

    /** Tries TCP connections to the delegate IP until one succeeds; returns when (nanoTime) it did. */
    private static long awaitVipAnswers(WatchdogCluster cluster, long since) {
        NetnsLab lab = cluster.lab();
        long deadline = since + MOVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (lab.tcpConnects(lab.clientNamespace(), lab.vip(), WatchdogCluster.PORT, Duration.ofMillis(300))) {
                return System.nanoTime();
            }
        }
        throw new AssertionError("the delegate IP did not answer within " + MOVE_TIMEOUT.toSeconds()
                + " s of kill -9 of its holder");
    }

    /**
     * Waits up to {@code timeout} for a "{@code kind}NAMESPACE TIME rc=N" line in vip.log later than
     * {@code after} (epoch seconds) from a namespace {@code which} accepts ("up" lines only with rc=0);
     * returns {time, member, rc}, or empty.
     */
    private static Optional<double[]> await(WatchdogCluster cluster, String kind, double after,
            java.util.function.Predicate<String> which, Duration timeout) {
        java.util.concurrent.atomic.AtomicReference<double[]> found = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            Wait.until(timeout, kind.strip() + " in vip.log", () -> {
                for (String line : cluster.vipEvents()) {
                    String[] f = line.split(" ");
                    if (!line.startsWith(kind) || f.length < 4 || !which.test(f[1])) {
                        continue;
                    }
                    int rc = Integer.parseInt(f[3].substring("rc=".length()));
                    double t = Double.parseDouble(f[2]);
                    if (t > after && (rc == 0 || !kind.equals("up "))) {
                        found.set(new double[] {t, cluster.lab().memberOf(f[1]), rc});
                        return true;
                    }
                }
                return false;
            });
        } catch (AssertionError timedOut) {
            return Optional.empty();
        }
        return Optional.of(found.get());
    }

    private static String summary(List<Double> seconds) {
        if (seconds.isEmpty()) {
            return "no measurement";
        }
        List<Double> s = new ArrayList<>(seconds);
        Collections.sort(s);
        double median = s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
        return String.format("median %.3f s, min %.3f s, max %.3f s over %d runs", median, s.get(0),
                s.get(s.size() - 1), s.size());
    }

    private static double epoch(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
