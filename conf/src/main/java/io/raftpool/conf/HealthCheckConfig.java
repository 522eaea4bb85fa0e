package io.raftpool.conf;

import java.time.Duration;

/**
 * The health-check settings in effect for one backend: the {@code health_check_*N} value where set,
 * else the plain {@code health_check_*} value.
 *
 * @param period         time between checks; zero disables health checking
 * @param timeout        time a check may take
 * @param user           user to connect as
 * @param password       its password (empty: taken from pool_passwd); never printed
 * @param database       database to connect to
 * @param maxRetries     retries before the node is declared down
 * @param retryDelay     time between retries
 * @param connectTimeout time a connection attempt may take
 */
public record HealthCheckConfig(Duration period, Duration timeout, String user, String password, String database,
        int maxRetries, Duration retryDelay, Duration connectTimeout) {

    public boolean enabled() {
        return !period.isZero();
    }

    @Override
    public String toString() {
        return "HealthCheckConfig[period=" + period + ", timeout=" + timeout + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "********") + ", database=" + database
                + ", maxRetries=" + maxRetries + ", retryDelay=" + retryDelay + ", connectTimeout=" + connectTimeout
                + "]";
    }
}
