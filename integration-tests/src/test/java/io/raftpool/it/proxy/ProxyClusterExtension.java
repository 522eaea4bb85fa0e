package io.raftpool.it.proxy;

import io.raftpool.it.pg.PgCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A real PostgreSQL streaming-replication cluster with a real raftpool process in front of it, for one test
 * class. When a test fails, raftpool's log and the tail of every PostgreSQL log are printed.
 *
 * <pre>
 * {@literal @}RegisterExtension
 * static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(2, pg -> "load_balance_mode = on");
 * </pre>
 */
public final class ProxyClusterExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final int standbys;
    private final Function<PgCluster, String> extraConfig;
    private final String[] extraFiles;
    private PgCluster cluster;
    private RaftpoolProcess raftpool;
    private Path dir;

    private ProxyClusterExtension(int standbys, Function<PgCluster, String> extraConfig, String... extraFiles) {
        this.standbys = standbys;
        this.extraConfig = extraConfig;
        this.extraFiles = extraFiles;
    }

    /**
     * @param extraConfig more pgpool.conf lines, given the cluster (backends are already declared)
     * @param extraFiles  file name, content, file name, content... written beside pgpool.conf
     */
    public static ProxyClusterExtension withStandbys(int standbys, Function<PgCluster, String> extraConfig,
            String... extraFiles) {
        return new ProxyClusterExtension(standbys, extraConfig, extraFiles);
    }

    /** pgpool.conf lines declaring every node of the cluster as a backend with weight 1. */
    public static String backends(PgCluster pg) {
        StringBuilder sb = new StringBuilder("backend_clustering_mode = 'streaming_replication'\n");
        for (int i = 0; i < pg.nodeCount(); i++) {
            sb.append("backend_hostname").append(i).append(" = '127.0.0.1'\n");
            sb.append("backend_port").append(i).append(" = ").append(pg.port(i)).append('\n');
            sb.append("backend_data_directory").append(i).append(" = '").append(pg.dataDir(i)).append("'\n");
            sb.append("backend_application_name").append(i).append(" = 'node").append(i).append("'\n");
        }
        sb.append("sr_check_user = 'postgres'\nsr_check_period = 1\nhealth_check_user = 'postgres'\n");
        return sb.toString();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster = PgCluster.create(standbys);
        dir = Files.createTempDirectory("raftpool-it-");
        try {
            raftpool = RaftpoolProcess.start(dir, backends(cluster) + extraConfig.apply(cluster), extraFiles);
        } catch (RuntimeException | java.io.IOException e) {
            if (Files.exists(dir.resolve("raftpool.log"))) {
                System.err.println(Files.readString(dir.resolve("raftpool.log")));
            }
            cluster.close();
            throw e;
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (raftpool != null) {
            raftpool.printLog(System.err);
        }
        if (cluster != null) {
            cluster.printLogTails(System.err, 60);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (raftpool != null) {
                raftpool.stop();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    public PgCluster cluster() {
        return cluster;
    }

    public RaftpoolProcess raftpool() {
        return raftpool;
    }

    /** The select_cnt that SHOW pool_nodes, asked through the proxy, gives for a node. */
    public long selectCount(int node) throws SQLException {
        try (Connection c = DriverManager.getConnection(raftpool.jdbcUrl("postgres"), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SHOW pool_nodes")) {
            while (rs.next()) {
                if (rs.getInt("node_id") == node) {
                    return Long.parseLong(rs.getString("select_cnt"));
                }
            }
        }
        throw new AssertionError("SHOW pool_nodes has no node " + node);
    }
}
