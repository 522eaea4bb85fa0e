package io.raftpool.watchdog.lifecheck;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Warnings that a peer or the network could otherwise repeat without end (garbage datagrams, an unreachable
 * destination): at most one per key and interval, the next one saying how many were held back. Callers
 * keep the keys few (a reason, a configured destination), never one per source address.
 */
final class RateLimitedLog {

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, Entry> entries = new HashMap<>();

    private static final class Entry {
        long loggedAt;
        long held;
    }

    RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs {@code message} at WARN unless a warning with the same key was logged within the interval. */
    synchronized void warn(String key, String message) {
        long now = System.nanoTime();
        Entry e = entries.get(key);
        if (e != null && now - e.loggedAt < intervalNanos) {
            e.held++;
            return;
        }
        long held = e == null ? 0 : e.held;
        if (e == null) {
            e = new Entry();
            entries.put(key, e);
        }
        e.loggedAt = now;
        e.held = 0;
        if (held > 0) {
            log.warn("{} ({} more like it since the last such warning)", message, held);
        } else {
            log.warn("{}", message);
        }
    }
}
