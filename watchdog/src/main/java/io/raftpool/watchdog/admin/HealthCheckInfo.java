package io.raftpool.watchdog.admin;

/**
 * One node's health-check statistics, with pcp_health_check_stats' fields (durations in milliseconds,
 * times as "yyyy-MM-dd HH:mm:ss" or empty).
 */
public record HealthCheckInfo(int nodeId, String hostname, int port, String status, String role,
        String lastStatusChange, long totalCount, long successCount, long failCount, long skipCount,
        long retryCount, double averageRetryCount, long maxRetryCount, long maxDurationMillis,
        long minDurationMillis, double averageDurationMillis, String lastHealthCheck,
        String lastSuccessfulHealthCheck, String lastSkipHealthCheck, String lastFailedHealthCheck) {
}
