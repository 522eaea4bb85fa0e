package io.raftpool.proxy.health;

import java.time.Duration;
import java.time.Instant;

/**
 * One node's health-check statistics, with the fields of pcp_health_check_stats.
 *
 * @param nodeId            node id
 * @param totalCount        checks run
 * @param successCount      checks that succeeded
 * @param failCount         checks that failed after all retries
 * @param skipCount         checks skipped (node detached, or health check disabled for it)
 * @param retryCount        retries made
 * @param maxRetryCount     the most retries one check needed
 * @param minDuration       the shortest check
 * @param maxDuration       the longest check
 * @param totalDuration     the sum of all check durations
 * @param lastCheck         when the last check ran, or null
 * @param lastSuccess       when the last successful check ran, or null
 * @param lastSkip          when the last check was skipped, or null
 * @param lastFailure       when the last failed check ran, or null
 */
public record HealthCheckStats(int nodeId, long totalCount, long successCount, long failCount, long skipCount,
        long retryCount, long maxRetryCount, Duration minDuration, Duration maxDuration, Duration totalDuration,
        Instant lastCheck, Instant lastSuccess, Instant lastSkip, Instant lastFailure) {

    static HealthCheckStats empty(int nodeId) {
        return new HealthCheckStats(nodeId, 0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO, null, null,
                null, null);
    }

    public double averageRetryCount() {
        return totalCount == 0 ? 0 : retryCount / (double) totalCount;
    }

    public Duration averageDuration() {
        long n = successCount + failCount;
        return n == 0 ? Duration.ZERO : totalDuration.dividedBy(n);
    }

    HealthCheckStats skipped(Instant at) {
        return new HealthCheckStats(nodeId, totalCount, successCount, failCount, skipCount + 1, retryCount,
                maxRetryCount, minDuration, maxDuration, totalDuration, lastCheck, lastSuccess, at, lastFailure);
    }

    HealthCheckStats checked(Instant at, boolean ok, int retries, Duration took) {
        Duration min = totalCount == 0 || took.compareTo(minDuration) < 0 ? took : minDuration;
        Duration max = took.compareTo(maxDuration) > 0 ? took : maxDuration;
        return new HealthCheckStats(nodeId, totalCount + 1, successCount + (ok ? 1 : 0), failCount + (ok ? 0 : 1),
                skipCount, retryCount + retries, Math.max(maxRetryCount, retries), min, max, totalDuration.plus(took),
                at, ok ? at : lastSuccess, lastSkip, ok ? lastFailure : at);
    }
}
