package io.raftpool.it.pg;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL streaming-replication cluster in a fresh temporary directory: node 0 is the initial
 * primary (made by {@code initdb}), nodes 1..N are standbys (made by {@code pg_basebackup} with a
 * replication slot each). Every node listens on its own free port on 127.0.0.1 only, with its Unix socket
 * in {@link #socketDir()}. Every operation blocks until it has taken effect. {@link #close()} stops every
 * server and deletes the directory, logs included.
 */
public final class PgCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PgCluster.class);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration WAIT_TIMEOUT = Duration.ofSeconds(60);
    private static final String PG_CTL_TIMEOUT_S = "60";

    private final PgInstallation pg;
    private final PgLayout layout;
    private final Path root;
    private final Thread shutdownHook = new Thread(this::close, "pg-cluster-cleanup");
    private boolean closed;

    private PgCluster(PgInstallation pg, PgLayout layout) {
        this.pg = pg;
        this.layout = layout;
        this.root = layout.root();
    }

    /**
     * Creates and starts a primary and {@code standbys} streaming standbys, returning once every standby
     * is streaming. On failure the server logs are printed to stderr and everything is removed.
     */
    public static PgCluster create(int standbys) {
        if (standbys < 0) {
            throw new IllegalArgumentException("standbys must be >= 0, not " + standbys);
        }
        PgInstallation pg = PgInstallation.locate();
        PgCluster cluster = new PgCluster(pg, PgLayout.create(pg, standbys + 1));
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.build(standbys);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.printLogTails(System.err, PgClusterExtension.LOG_TAIL_LINES);
            cluster.close();
            throw e;
        }
    }

    private void build(int standbys) {
        pg.check(root, COMMAND_TIMEOUT, "initdb", "-D", dataDir(0).toString(), "-U", "postgres",
                "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions");
        PgConf.writeShared(pg, dataDir(0), socketDir());
        PgConf.writeNode(pg, dataDir(0), port(0), nodeName(0));
        start(0);
        for (int node = 1; node <= standbys; node++) {
            pg.check(root, COMMAND_TIMEOUT, "pg_basebackup", "-h", host(), "-p", String.valueOf(port(0)),
                    "-U", "postgres", "-D", dataDir(node).toString(), "-X", "stream", "-R", "-C",
                    "-S", nodeName(node), "--checkpoint=fast", "--no-sync");
            PgConf.writeNode(pg, dataDir(node), port(node), nodeName(node));
            start(node);
        }
        for (int node = 1; node <= standbys; node++) {
            awaitStreaming(node, 0);
        }
        LOG.info("PostgreSQL cluster ready in {}", layout);
    }

    /** How many nodes there are: the initial primary plus the standbys. */
    public int nodeCount() {
        return layout.nodeCount();
    }

    /** The address every node listens on: always {@code 127.0.0.1}. */
    public String host() {
        return PgLayout.HOST;
    }

    /** The TCP port of {@code node}. */
    public int port(int node) {
        return layout.port(node);
    }

    /** The data directory of {@code node}. */
    public Path dataDir(int node) {
        return layout.dataDir(node);
    }

    /** The server log of {@code node}, kept across restarts until {@link #close()}. */
    public Path logFile(int node) {
        return layout.logFile(node);
    }

    /** The directory holding every node's Unix socket ({@code .s.PGSQL.<port>}). */
    public Path socketDir() {
        return layout.socketDir();
    }

    /** A pgjdbc URL for {@code database} on {@code node}, over TCP to 127.0.0.1. */
    public String jdbcUrl(int node, String database) {
        return "jdbc:postgresql://" + host() + ":" + port(node) + "/" + database;
    }

    /** A new connection to database {@code postgres} on {@code node} as superuser {@code postgres}. */
    public Connection connect(int node) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(jdbcUrl(node, "postgres"), props);
    }

    /**
     * Runs {@code sql} on {@code node} and returns the first column of the first row as text ({@code null}
     * for SQL NULL).
     *
     * @throws SQLException if it fails or returns no rows
     */
    public String query(int node, String sql) throws SQLException {
        try (Connection c = connect(node); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SQLException("no rows from node " + node + ": " + sql);
            }
            return rs.getString(1);
        }
    }

    /** Runs {@code sql} (any statement, or several separated by semicolons) on {@code node}, in autocommit. */
    public void execute(int node, String sql) throws SQLException {
        try (Connection c = connect(node); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Whether {@code node}'s server is running, as {@code pg_ctl status} sees it. */
    public boolean isRunning(int node) {
        return pg.run(root, COMMAND_TIMEOUT, "pg_ctl", "status", "-D", dataDir(node).toString()).exitCode() == 0;
    }

    /** Starts {@code node} and returns once it accepts connections (for a standby: once it is consistent). */
    public void start(int node) {
        pg.check(root, COMMAND_TIMEOUT, "pg_ctl", "start", "-w", "-t", PG_CTL_TIMEOUT_S,
                "-D", dataDir(node).toString(), "-l", logFile(node).toString());
        LOG.info("started {} on port {}", nodeName(node), port(node));
    }

    /** Stops {@code node} and returns once it has exited; does nothing if it is not running. */
    public void stop(int node, StopMode mode) {
        if (!isRunning(node)) {
            return;
        }
        pg.check(root, COMMAND_TIMEOUT, "pg_ctl", "stop", "-w", "-t", PG_CTL_TIMEOUT_S, "-m", mode.pgCtlName(),
                "-D", dataDir(node).toString());
        LOG.info("stopped {} ({})", nodeName(node), mode.pgCtlName());
    }

    /** Promotes standby {@code node} and returns once it is out of recovery and accepts writes. */
    public void promote(int node) {
        pg.check(root, COMMAND_TIMEOUT, "pg_ctl", "promote", "-w", "-t", PG_CTL_TIMEOUT_S,
                "-D", dataDir(node).toString());
        Wait.until(WAIT_TIMEOUT, nodeName(node) + " to leave recovery after promotion",
                () -> "f".equals(query(node, "SELECT pg_is_in_recovery()")));
        LOG.info("promoted {}", nodeName(node));
    }

    /**
     * Re-points standby {@code standby} at {@code upstream}: creates its replication slot there, rewrites
     * its {@code primary_conninfo}, reloads it (or starts it, if stopped) and returns once it is streaming
     * from {@code upstream}. A timeline switch after a promotion is followed ({@code
     * recovery_target_timeline} is {@code latest}); a node whose history has diverged needs pg_rewind first.
     *
     * @throws IllegalStateException if {@code standby} is running as a primary
     */
    public void follow(int standby, int upstream) throws SQLException {
        if (standby == upstream) {
            throw new IllegalArgumentException("a node cannot follow itself: " + standby);
        }
        boolean running = isRunning(standby);
        if (running && "f".equals(query(standby, "SELECT pg_is_in_recovery()"))) {
            throw new IllegalStateException(nodeName(standby) + " is running as a primary; stop it first");
        }
        String slot = nodeName(standby);
        execute(upstream, "SELECT pg_create_physical_replication_slot('" + slot + "', true) WHERE NOT EXISTS "
                + "(SELECT 1 FROM pg_replication_slots WHERE slot_name = '" + slot + "')");
        PgConf.pointAt(pg, dataDir(standby), port(upstream), slot);
        if (running) {
            execute(standby, "SELECT pg_reload_conf()");
        } else {
            start(standby);
        }
        awaitStreaming(standby, upstream);
        LOG.info("{} follows {}", nodeName(standby), nodeName(upstream));
    }

    /**
     * Returns once {@code standby} has replayed everything the current primary had written when this was
     * called ({@code pg_last_wal_replay_lsn() >= pg_current_wal_lsn()}).
     */
    public void waitForReplay(int standby) throws SQLException {
        int primary = primary();
        if (primary == standby) {
            throw new IllegalArgumentException(nodeName(standby) + " is the primary, not a standby");
        }
        String lsn = query(primary, "SELECT pg_current_wal_lsn()");
        Wait.until(WAIT_TIMEOUT, nodeName(standby) + " to replay up to " + lsn + " of " + nodeName(primary),
                () -> "t".equals(query(standby, "SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn")));
    }

    /**
     * The node that is currently primary: the one running node that answers and says it is not in recovery.
     *
     * @throws IllegalStateException if there is none, or more than one
     */
    public int primary() {
        List<Integer> primaries = new ArrayList<>();
        for (int node = 0; node < nodeCount(); node++) {
            try {
                if (isRunning(node) && "f".equals(query(node, "SELECT pg_is_in_recovery()"))) {
                    primaries.add(node);
                }
            } catch (SQLException e) {
                LOG.debug("{} did not answer: {}", nodeName(node), e.getMessage());
            }
        }
        if (primaries.size() != 1) {
            throw new IllegalStateException("expected exactly one primary, found nodes " + primaries);
        }
        return primaries.get(0);
    }

    /** The last {@code lines} lines of {@code node}'s server log (empty if it has none yet). */
    public List<String> logTail(int node, int lines) {
        Path log = logFile(node);
        try {
            List<String> all = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e + ")");
        }
    }

    /** Prints the tail of every node's server log, each under a header naming the node and file. */
    public void printLogTails(PrintStream out, int lines) {
        for (int node = 0; node < nodeCount(); node++) {
            out.println("----- last " + lines + " lines of " + logFile(node) + " (" + nodeName(node)
                    + ", port " + port(node) + ") -----");
            logTail(node, lines).forEach(out::println);
        }
        out.flush();
    }

    /** Stops every server (immediate mode) and deletes the cluster directory. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: this is the hook itself running.
        }
        RuntimeException failure = null;
        for (int node = 0; node < nodeCount(); node++) {
            try {
                if (Files.isDirectory(dataDir(node))) {
                    stop(node, StopMode.IMMEDIATE);
                }
            } catch (RuntimeException e) {
                PgCleanup.kill(dataDir(node));
                failure = failure == null ? e : failure;
            }
        }
        PgCleanup.deleteTree(root);
        if (failure != null) {
            throw failure;
        }
    }

    private void awaitStreaming(int standby, int upstream) {
        Wait.until(WAIT_TIMEOUT, nodeName(standby) + " to stream from " + nodeName(upstream), () -> "t".equals(
                query(standby, "SELECT count(*) > 0 FROM pg_stat_wal_receiver WHERE status = 'streaming' "
                        + "AND sender_port = " + port(upstream))));
    }

    private static String nodeName(int node) {
        return PgLayout.nodeName(node);
    }
}
