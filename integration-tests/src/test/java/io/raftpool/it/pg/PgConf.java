package io.raftpool.it.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration files of a test server. Settings shared by every node go into the primary's
 * {@code postgresql.conf} before {@code pg_basebackup} copies it; what differs per node (port, name) lives
 * in {@code node.conf}, included last and rewritten after each copy.
 */
final class PgConf {

    /** The per-node file {@code postgresql.conf} includes. */
    static final String NODE_CONF = "node.conf";

    private PgConf() {
    }

    /** Appends the cluster-wide settings to a fresh {@code postgresql.conf} and replaces {@code pg_hba.conf}. */
    static void writeShared(PgInstallation pg, Path dataDir, Path socketDir) {
        String settings = String.join("\n",
                "",
                "# raftpool integration-test settings",
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = " + quote(socketDir.toString()),
                "wal_level = replica",
                "hot_standby = on",
                "max_wal_senders = 10",
                "max_replication_slots = 10",
                "wal_keep_size = '64MB'",
                "wal_log_hints = on",
                "wal_retrieve_retry_interval = '200ms'",
                "shared_buffers = '16MB'",
                "max_connections = 50",
                "fsync = off",
                "log_line_prefix = '%m [%p] %q%a '",
                "include = " + quote(NODE_CONF),
                "");
        pg.writeServerFile(dataDir.resolve("postgresql.conf"), settings, true);
        String hba = String.join("\n",
                "# tests only: trust, and only over the Unix socket and 127.0.0.1",
                "local all all trust",
                "host all all 127.0.0.1/32 trust",
                "local replication all trust",
                "host replication all 127.0.0.1/32 trust",
                "");
        pg.writeServerFile(dataDir.resolve("pg_hba.conf"), hba, false);
    }

    /** Writes {@code node.conf}: this node's port, and its name (which its WAL receiver reports upstream). */
    static void writeNode(PgInstallation pg, Path dataDir, int port, String name) {
        pg.writeServerFile(dataDir.resolve(NODE_CONF),
                "port = " + port + "\ncluster_name = " + quote(name) + "\n", false);
    }

    /**
     * Points a standby at an upstream server: replaces {@code primary_conninfo} and
     * {@code primary_slot_name} in {@code postgresql.auto.conf} and makes sure {@code standby.signal} exists.
     */
    static void pointAt(PgInstallation pg, Path dataDir, int upstreamPort, String slot) {
        Path auto = dataDir.resolve("postgresql.auto.conf");
        List<String> kept;
        try {
            kept = Files.readAllLines(auto, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.matches("\\s*(primary_conninfo|primary_slot_name)\\s*=.*"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + auto, e);
        }
        kept.add("primary_conninfo = " + quote("host=127.0.0.1 port=" + upstreamPort + " user=postgres"));
        kept.add("primary_slot_name = " + quote(slot));
        pg.writeServerFile(auto, String.join("\n", kept) + "\n", false);
        pg.writeServerFile(dataDir.resolve("standby.signal"), "", true);
    }

    private static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
