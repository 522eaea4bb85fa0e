package io.raftpool.cli.setup;

import java.nio.file.Path;
import java.util.stream.IntStream;

/**
 * Where every file of a sandbox lives and which port each server uses. Ports are consecutive from the base
 * port: four per raftpool instance first (port, pcp_port, wd_port, heartbeat_port), then one per PostgreSQL
 * node.
 *
 * <pre>
 * DIR/README.port  startall  shutdownall  env.sh  .pgpass  .pcppass  vip.log
 * DIR/scripts/     sandbox.sh failover.sh follow_primary.sh (run by raftpool)
 * DIR/pg/          node0 node1 ... (data directories), log/ (server logs), sock/ (Unix sockets)
 * DIR/inst0/       pgpool.conf pgpool_node_id pool_hba.conf pool_passwd pcp.conf
 *                  log/ (logdir) raft/ (raft_storage_dir) raftpool.log raftpool.pid
 * </pre>
 *
 * The {@code pg} directory belongs to the OS user PostgreSQL runs as; everything else to whoever ran
 * {@code raftpool setup}.
 */
final class SandboxLayout {

    /** Every server listens on this address only. */
    static final String HOST = "127.0.0.1";
    static final int PORTS_PER_INSTANCE = 4;

    private final Path root;
    private final int pgNodes;
    private final int instances;
    private final int basePort;

    SandboxLayout(Path root, int pgNodes, int instances, int basePort) {
        this.root = root.toAbsolutePath().normalize();
        this.pgNodes = pgNodes;
        this.instances = instances;
        this.basePort = basePort;
    }

    Path root() {
        return root;
    }

    int pgNodes() {
        return pgNodes;
    }

    int instances() {
        return instances;
    }

    /** How many consecutive ports from the base port the sandbox uses. */
    int portCount() {
        return instances * PORTS_PER_INSTANCE + pgNodes;
    }

    /** Every port the sandbox uses, lowest first. */
    IntStream ports() {
        return IntStream.range(basePort, basePort + portCount());
    }

    int lastPort() {
        return basePort + portCount() - 1;
    }

    int port(int instance) {
        return instancePort(instance, 0);
    }

    int pcpPort(int instance) {
        return instancePort(instance, 1);
    }

    int wdPort(int instance) {
        return instancePort(instance, 2);
    }

    int heartbeatPort(int instance) {
        return instancePort(instance, 3);
    }

    int pgPort(int node) {
        return basePort + instances * PORTS_PER_INSTANCE + checkNode(node);
    }

    /** The replication slot, application_name and cluster_name of a PostgreSQL node. */
    static String nodeName(int node) {
        return "node" + node;
    }

    Path pgDir() {
        return root.resolve("pg");
    }

    Path dataDir(int node) {
        return pgDir().resolve(nodeName(checkNode(node)));
    }

    Path pgLogDir() {
        return pgDir().resolve("log");
    }

    Path pgLog(int node) {
        return pgLogDir().resolve(nodeName(checkNode(node)) + ".log");
    }

    Path pgSocketDir() {
        return pgDir().resolve("sock");
    }

    Path scriptsDir() {
        return root.resolve("scripts");
    }

    Path instanceDir(int instance) {
        return root.resolve("inst" + checkInstance(instance));
    }

    Path pgpoolConf(int instance) {
        return instanceDir(instance).resolve("pgpool.conf");
    }

    Path logDir(int instance) {
        return instanceDir(instance).resolve("log");
    }

    Path raftDir(int instance) {
        return instanceDir(instance).resolve("raft");
    }

    Path raftpoolLog(int instance) {
        return instanceDir(instance).resolve("raftpool.log");
    }

    Path pidFile(int instance) {
        return instanceDir(instance).resolve("raftpool.pid");
    }

    Path vipLog() {
        return root.resolve("vip.log");
    }

    /** What failover and recovery scripts append to. */
    Path scriptLog() {
        return root.resolve("scripts.log");
    }

    Path readme() {
        return root.resolve("README.port");
    }

    Path startall() {
        return root.resolve("startall");
    }

    Path shutdownall() {
        return root.resolve("shutdownall");
    }

    Path envFile() {
        return root.resolve("env.sh");
    }

    Path pgpass() {
        return root.resolve(".pgpass");
    }

    Path pcppass() {
        return root.resolve(".pcppass");
    }

    private int instancePort(int instance, int offset) {
        return basePort + checkInstance(instance) * PORTS_PER_INSTANCE + offset;
    }

    private int checkNode(int node) {
        if (node < 0 || node >= pgNodes) {
            throw new IllegalArgumentException("no PostgreSQL node " + node + "; nodes are 0.." + (pgNodes - 1));
        }
        return node;
    }

    private int checkInstance(int instance) {
        if (instance < 0 || instance >= instances) {
            throw new IllegalArgumentException("no raftpool instance " + instance + "; instances are 0.."
                    + (instances - 1));
        }
        return instance;
    }
}
