package io.raftpool.it.failover;

import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.StopMode;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.ProxyClusterExtension;
import io.raftpool.it.proxy.RaftpoolProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Not part of the test suite (its name does not end in IT): run by bench/failover.sh. Measures, over
 * several runs, the time from killing the primary (pg_ctl stop -m immediate) to the first successful write
 * through raftpool, with health_check_period = 1, and prints each run and the median.
 */
class FailoverBench {

    @Test
    void timeFromPrimaryKillToFirstWrite() throws Exception {
        int runs = Integer.getInteger("bench.runs", 5);
        List<Double> seconds = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double s = oneRun();
            seconds.add(s);
            System.out.printf("run %d: first successful write %.3f s after the kill%n", run, s);
        }
        Collections.sort(seconds);
        double median = seconds.size() % 2 == 1 ? seconds.get(seconds.size() / 2)
                : (seconds.get(seconds.size() / 2 - 1) + seconds.get(seconds.size() / 2)) / 2;
        System.out.printf("failover: median %.3f s, min %.3f s, max %.3f s over %d runs (health_check_period = 1)%n",
                median, seconds.get(0), seconds.get(seconds.size() - 1), seconds.size());
    }

    private static double oneRun() throws Exception {
        Path scripts = Files.createTempDirectory("raftpool-bench-scripts-");
        FailoverScripts.write(scripts);
        Path dir = Files.createTempDirectory("raftpool-bench-");
        try (PgCluster pg = PgCluster.create(2)) {
            String conf = ProxyClusterExtension.backends(pg) + """
                    health_check_period = 1
                    health_check_timeout = 1
                    health_check_max_retries = 0
                    connect_timeout = 500
                    search_primary_node_timeout = 30
                    failover_command = '%s/failover.sh %%d %%h %%p %%D %%m %%H %%M %%P %%r %%R %%N %%S'
                    """.formatted(scripts);
            try (RaftpoolProcess raftpool = RaftpoolProcess.start(dir, conf)) {
                String url = raftpool.jdbcUrl("postgres") + "?connectTimeout=2&socketTimeout=5";
                try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
                    c.createStatement().execute("CREATE TABLE t (v int)");
                }
                Wait.until(Duration.ofSeconds(30), "raftpool to record the backends", () -> write(url));
                pg.stop(0, StopMode.IMMEDIATE);
                long killed = System.nanoTime();
                Wait.until(Duration.ofSeconds(120), "a write after the failover", () -> write(url));
                return (System.nanoTime() - killed) / 1e9;
            }
        }
    }

    private static boolean write(String url) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            c.createStatement().execute("INSERT INTO t VALUES (1)");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
