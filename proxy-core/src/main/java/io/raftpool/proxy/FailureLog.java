package io.raftpool.proxy;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * The log of a periodic check that may keep failing: each distinct failure of a source (a node, the whole
 * round) is logged once while it lasts, not on every period, and its end is logged once. A failure that
 * comes back after the source worked again is logged again.
 */
final class FailureLog {

    /** Distinct messages remembered per failing source; more (messages with changing text) go to DEBUG. */
    private static final int MAX_MESSAGES = 16;

    private final Logger log;
    private final Map<String, Set<String>> failing = new ConcurrentHashMap<>();

    FailureLog(Logger log) {
        this.log = log;
    }

    /** Records a failure of source; logs it at WARN unless this message was already logged since it failed. */
    void failed(String source, String message, Throwable cause) {
        Set<String> seen = failing.computeIfAbsent(source, s -> new LinkedHashSet<>());
        boolean fresh;
        synchronized (seen) {
            fresh = seen.size() < MAX_MESSAGES && seen.add(message);
        }
        if (fresh) {
            log.warn(message, cause);
        } else {
            log.debug(message, cause);
        }
    }

    /** Records that source works; logs message at INFO when a failure of it had been logged. */
    void recovered(String source, String message) {
        if (failing.remove(source) != null) {
            log.info(message);
        }
    }
}
