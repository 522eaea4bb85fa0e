package io.raftpool.it.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches who holds the delegate IP: a background thread looks at every member namespace in turn, every
 * 20 ms, and records for each namespace the runs of consecutive samples in which it held the IP, as
 * {@code [first seen, last seen]} in {@link System#nanoTime()}.
 *
 * <p>A sample reads the namespace's local routes from /proc (see {@link NetnsLab#hasLocalRoute}), which
 * takes microseconds and starts no process, so sampling three namespaces 50 times a second costs next to
 * nothing on a loaded machine and the sample instants are precise.
 *
 * <h2>Why an overlap of two runs proves two holders at one instant</h2>
 * One thread takes every sample, one after the other, so no two samples overlap in time and every sample
 * of another namespace falls strictly between two samples of this one (or outside this one's run). Suppose
 * run A (namespace a) is {@code [a1, a2]} and run B (namespace b) is {@code [b1, b2]} and they overlap. Say
 * {@code a1 < b1} (the other case is symmetric): then {@code a1 < b1 < a2}, so b was seen holding the IP at
 * {@code b1}, between two samples of the same run of a, in which a held it. Consecutive samples of a run
 * are one round (about 20 ms) apart and each saw a holding the IP, so a held it across {@code b1} unless it
 * released and re-acquired it within those 20 ms. So, at {@code b1}, two namespaces held the IP.
 *
 * <p>The converse is what keeps sequential sampling free of false alarms: when the IP moves from a to b
 * (a releases, then b acquires), the last sample of a that saw it precedes the release, and the first
 * sample of b that sees it follows the acquisition, so {@code a2 < b1} and the runs do not overlap, however
 * the samples of the two namespaces interleave. What sampling cannot see is two holders for less than one
 * round: a double holding shorter than ~20 ms may be missed (never invented).
 */
public final class VipSampler implements AutoCloseable {

    /** How often every namespace is looked at. */
    public static final Duration PERIOD = Duration.ofMillis(20);

    private final NetnsLab lab;
    private final String ip;
    private final long origin = System.nanoTime();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vip-sampler");
        t.setDaemon(true);
        return t;
    });
    private final List<Run> runs = new ArrayList<>();
    private final Run[] open;
    private final boolean[] heldInLastRound;
    private long rounds;
    private Throwable failure;

    private VipSampler(NetnsLab lab, String ip) {
        this.lab = lab;
        this.ip = ip;
        this.open = new Run[lab.members()];
        this.heldInLastRound = new boolean[lab.members()];
    }

    /** Starts sampling every member namespace of {@code lab} for {@code ip}. */
    public static VipSampler start(NetnsLab lab, String ip) {
        VipSampler s = new VipSampler(lab, ip);
        s.thread.scheduleAtFixedRate(s::round, 0, PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        return s;
    }

    private void round() {
        try {
            for (int k = 0; k < lab.members(); k++) {
                long t0 = System.nanoTime();
                boolean held = lab.hasLocalRoute(k, ip);
                long t1 = System.nanoTime();
                record(k, held, t0, t1);
            }
            synchronized (this) {
                rounds++;
                notifyAll();
            }
        } catch (Exception | Error e) {
            synchronized (this) {
                failure = e;
                notifyAll();
            }
            throw new IllegalStateException("sampling stopped", e);
        }
    }

    /** The sample is timed from just before to just after the read; each is inside its own window. */
    private synchronized void record(int k, boolean held, long t0, long t1) {
        heldInLastRound[k] = held;
        if (held) {
            if (open[k] == null) {
                open[k] = new Run(k, t0, t1, 1);
            } else {
                open[k] = new Run(k, open[k].first(), t1, open[k].samples() + 1);
            }
        } else if (open[k] != null) {
            runs.add(open[k]);
            open[k] = null;
        }
    }

    /** One run of consecutive samples in which member {@code member} held the IP. */
    public record Run(int member, long first, long last, int samples) {
        boolean overlaps(Run o) {
            return first < o.last && o.first < last;
        }
    }

    /** Every run so far, the ones still going included, in order of their first sample. */
    public synchronized List<Run> runs() {
        List<Run> all = new ArrayList<>(runs);
        for (Run r : open) {
            if (r != null) {
                all.add(r);
            }
        }
        all.sort(java.util.Comparator.comparingLong(Run::first));
        return all;
    }

    /**
     * Fails when runs of two different members overlapped in time (see the class comment: then two
     * namespaces held the IP at the same instant), or when sampling broke down.
     */
    public void assertNeverHeldTwice() {
        checkRunning();
        List<Run> all = runs();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Run a = all.get(i);
                Run b = all.get(j);
                if (a.member() != b.member() && a.overlaps(b)) {
                    throw new AssertionError("the delegate IP " + ip + " was held by members " + a.member()
                            + " and " + b.member() + " at the same time, around +" + ms(Math.max(a.first(),
                            b.first())) + " ms; " + history());
                }
            }
        }
    }

    /**
     * The members that held the IP in the last complete round (after waiting for one, so that the answer
     * is never older than when this was called).
     */
    public List<Integer> holders() {
        awaitRounds(1);
        synchronized (this) {
            List<Integer> h = new ArrayList<>();
            for (int k = 0; k < heldInLastRound.length; k++) {
                if (heldInLastRound[k]) {
                    h.add(k);
                }
            }
            return h;
        }
    }

    /** The one member holding the IP now, or empty when none does; fails when several do. */
    public Optional<Integer> holder() {
        List<Integer> h = holders();
        if (h.size() > 1) {
            throw new AssertionError("the delegate IP " + ip + " is held by members " + h + "; " + history());
        }
        return h.stream().findFirst();
    }

    /** How many rounds have been completed. */
    public synchronized long rounds() {
        return rounds;
    }

    private void awaitRounds(long more) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        synchronized (this) {
            long target = rounds + more + 1; // +1: the round under way when called may have started before
            while (rounds < target) {
                checkRunning();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the VIP sampler completed no round in 10 s");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private synchronized void checkRunning() {
        if (failure != null) {
            throw new AssertionError("the VIP sampler broke down: " + failure, failure);
        }
    }

    /** Who held the IP when, relative to when sampling started, for failure messages. */
    public String history() {
        StringBuilder sb = new StringBuilder("holders of " + ip + " (ms since sampling started, " + rounds()
                + " rounds of " + PERIOD.toMillis() + " ms):");
        List<Run> all = runs();
        if (all.isEmpty()) {
            sb.append(" nobody, ever");
        }
        for (Run r : all) {
            sb.append("\n  member ").append(r.member()).append(" (").append(lab.memberNamespace(r.member()))
                    .append(") from +").append(ms(r.first())).append(" to +").append(ms(r.last())).append(" (")
                    .append(r.samples()).append(" samples)");
        }
        return sb.toString();
    }

    private long ms(long nanos) {
        return (nanos - origin) / 1_000_000;
    }

    /** The {@link System#nanoTime()} sampling started at. */
    public long origin() {
        return origin;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
