package io.raftpool.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Limits on how long a future may stay pending, kept by the event loop the work runs on. */
public final class Timeouts {

    private Timeouts() {
    }

    /**
     * Fails {@code future} with {@code error} if it is still pending after {@code delayNanos}, and then runs
     * {@code onExpiry} (on the loop); once the future completes, the timer is cancelled.
     */
    public static void failAfter(EventExecutor loop, CompletableFuture<?> future, long delayNanos,
            Supplier<? extends Throwable> error, Runnable onExpiry) {
        ScheduledFuture<?> timer = loop.schedule(() -> {
            if (future.completeExceptionally(error.get())) {
                onExpiry.run();
            }
        }, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
        future.whenComplete((r, e) -> timer.cancel(false));
    }
}
