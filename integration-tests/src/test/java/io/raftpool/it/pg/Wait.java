package io.raftpool.it.pg;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Polls a condition until it holds or a deadline passes. This is the only way tests and the harness wait
 * for something to happen: a fixed sleep is never used as synchronisation.
 */
public final class Wait {

    /** How often the condition is asked again. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Wait() {
    }

    /**
     * Asks {@code condition} every ~50 ms until it returns {@code true}. A condition that throws counts as
     * "not yet" (a server that is still starting refuses connections); the last exception thrown is
     * attached to the failure.
     *
     * @param timeout how long to keep asking
     * @param what what is being waited for, in words, for the failure message
     * @param condition the condition; {@code null} counts as {@code false}
     * @throws AssertionError naming {@code what}, the timeout and the last exception, when the deadline
     *         passes with the condition still false
     */
    public static void until(Duration timeout, String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                String why = last == null ? "" : " (last attempt failed: " + last + ")";
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + why, last);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
