package io.raftpool.it.cluster;

import io.raftpool.it.failover.FailoverScripts;
import io.raftpool.it.pg.PgCluster;
import io.raftpool.it.pg.PgInstallation;
import io.raftpool.it.pg.Wait;
import io.raftpool.it.proxy.RaftpoolProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three (or more) real raftpool processes forming one watchdog cluster, each in its own member namespace of
 * a {@link NetnsLab}, in front of a {@link PgCluster}.
 *
 * <p>As with Pgpool-II 4.2+, every member reads the same pgpool.conf (a byte-identical copy in its own
 * directory) and a {@code pgpool_node_id} file beside it. The same file works everywhere because each
 * namespace has its own addresses, ports and interface names: every member listens on port
 * {@value #PORT}, PCP {@value #PCP_PORT}, Raft {@value #WD_PORT} and heartbeat {@value #HEARTBEAT_PORT} on
 * its own address, and the delegate IP goes on {@code eth0} in each. The backends are reached through the
 * PostgreSQL Unix socket directory: namespaces do not isolate the filesystem. Files that would collide on
 * the shared filesystem are kept apart by node id (the Raft storage is {@code logdir/raftpool_raft/nodeN})
 * or not created ({@code socket_dir = ''}).
 *
 * <p>{@code ip netns exec} and the distribution's {@code bin/raftpool} both exec, so the pid of the
 * started process is the raftpool JVM's: signals reach raftpool itself.
 */
public final class WatchdogCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchdogCluster.class);

    /** The proxy port of every member (pgpool_portN). */
    public static final int PORT = 9999;
    /** The PCP (admin) port of every member. */
    public static final int PCP_PORT = 9898;
    /** The Raft port of every member (wd_portN). */
    public static final int WD_PORT = 9000;
    /** The heartbeat port of every member (heartbeat_portN). */
    public static final int HEARTBEAT_PORT = 9694;
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final Duration PSQL_TIMEOUT = Duration.ofSeconds(20);

    private static final Pattern LEADER = Pattern.compile("leader of term (\\d+) and ready");

    private final PgCluster pg;
    private final NetnsLab lab;
    private final Path root;
    private final Path scripts;
    private final Process[] processes;
    private final boolean[] stopped;

    /** What differs between uses of the fixture. */
    public record Options(boolean loggedIfCommands, String extraConfig) {
        /** Plain {@code ip addr add/del} commands, as a Pgpool-II user writes them, and nothing extra. */
        public static Options defaults() {
            return new Options(false, "");
        }

        /** if_up_cmd and if_down_cmd are scripts that log a timestamp to vip.log (for the benchmark). */
        public Options withLoggedIfCommands() {
            return new Options(true, extraConfig);
        }

        /** More pgpool.conf lines, appended to the shared file. */
        public Options withExtraConfig(String lines) {
            return new Options(loggedIfCommands, extraConfig + "\n" + lines);
        }
    }

    private WatchdogCluster(PgCluster pg, NetnsLab lab, Path root) {
        this.pg = pg;
        this.lab = lab;
        this.root = root;
        this.scripts = root.resolve("scripts");
        this.processes = new Process[lab.members()];
        this.stopped = new boolean[lab.members()];
    }

    /**
     * Writes every member's directory (one pgpool.conf, a pgpool_node_id each, pcp.conf, .pcppass) and the
     * scripts; starts nothing.
     */
    public static WatchdogCluster create(PgCluster pg, NetnsLab lab, Options options) throws IOException {
        WatchdogCluster c = new WatchdogCluster(pg, lab, Files.createTempDirectory("raftpool-watchdog-"));
        Files.createDirectories(c.scripts);
        Path ip = NetnsLab.ipCommand().orElseThrow(() -> new IllegalStateException("no ip command"));
        WatchdogScripts.write(c.scripts, lab, ip.toString());
        Files.writeString(c.scripts.resolve("events.log"), "");
        String conf = c.pgpoolConf(ip.getParent(), options);
        for (int k = 0; k < lab.members(); k++) {
            Path dir = c.dir(k);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("pgpool.conf"), conf);
            Files.writeString(dir.resolve("pgpool_node_id"), k + "\n");
            Files.writeString(dir.resolve("pcp.conf"), RaftpoolProcess.ADMIN_USER + ":"
                    + RaftpoolProcess.md5Hex(RaftpoolProcess.ADMIN_PASSWORD) + "\n");
            Path pcppass = dir.resolve(".pcppass");
            Files.writeString(pcppass, "*:*:" + RaftpoolProcess.ADMIN_USER + ":" + RaftpoolProcess.ADMIN_PASSWORD
                    + "\n");
            Files.setPosixFilePermissions(pcppass, PosixFilePermissions.fromString("rw-------"));
        }
        return c;
    }

    private String pgpoolConf(Path ipDir, Options options) {
        StringBuilder sb = new StringBuilder("""
                # one pgpool.conf for every member; pgpool_node_id beside it says which member reads it
                backend_clustering_mode = 'streaming_replication'
                listen_addresses = '*'
                port = %d
                socket_dir = ''
                pcp_listen_addresses = '*'
                pcp_port = %d
                logdir = '%s'
                num_init_children = 16
                max_pool = 2
                """.formatted(PORT, PCP_PORT, root.resolve("logdir")));
        for (int i = 0; i < pg.nodeCount(); i++) {
            sb.append("backend_hostname").append(i).append(" = '").append(pg.socketDir()).append("'\n");
            sb.append("backend_port").append(i).append(" = ").append(pg.port(i)).append('\n');
            sb.append("backend_weight").append(i).append(" = 1\n");
            sb.append("backend_data_directory").append(i).append(" = '").append(pg.dataDir(i)).append("'\n");
            sb.append("backend_flag").append(i).append(" = 'ALLOW_TO_FAILOVER'\n");
            sb.append("backend_application_name").append(i).append(" = 'node").append(i).append("'\n");
        }
        sb.append("""
                sr_check_user = 'postgres'
                sr_check_period = 1
                health_check_user = 'postgres'
                """);
        sb.append(FailoverScripts.FAST_HEALTH_CHECK);
        sb.append("""
                search_primary_node_timeout = 30
                failover_command = '%1$s/failover.sh %%d %%h %%p %%D %%m %%H %%M %%P %%r %%R %%N %%S'
                follow_primary_command = '%1$s/follow.sh %%d %%h %%p %%D %%m %%H %%M %%P %%r %%R'
                failover_when_quorum_exists = on
                failover_require_consensus = on
                allow_multiple_failover_requests_from_node = off
                enable_consensus_with_half_votes = off

                use_watchdog = on
                """.formatted(scripts));
        for (int k = 0; k < lab.members(); k++) {
            sb.append("hostname").append(k).append(" = '").append(lab.memberAddress(k)).append("'\n");
            sb.append("wd_port").append(k).append(" = ").append(WD_PORT).append('\n');
            sb.append("pgpool_port").append(k).append(" = ").append(PORT).append('\n');
        }
        sb.append("""
                wd_lifecheck_method = 'heartbeat'
                wd_interval = 1
                wd_heartbeat_keepalive = 1
                wd_heartbeat_deadtime = 5
                """);
        for (int k = 0; k < lab.members(); k++) {
            sb.append("heartbeat_hostname").append(k).append(" = '").append(lab.memberAddress(k)).append("'\n");
            sb.append("heartbeat_port").append(k).append(" = ").append(HEARTBEAT_PORT).append('\n');
        }
        String dev = NetnsLab.DEVICE;
        sb.append("delegate_IP = '").append(lab.vip()).append("'\n");
        sb.append("if_cmd_path = '").append(ipDir).append("'\n");
        if (options.loggedIfCommands()) {
            sb.append("if_up_cmd = '").append(scripts).append("/if_up.sh $_IP_$'\n");
            sb.append("if_down_cmd = '").append(scripts).append("/if_down.sh $_IP_$'\n");
        } else {
            sb.append("if_up_cmd = 'ip addr add $_IP_$/24 dev ").append(dev).append(" label ").append(dev)
                    .append(":0'\n");
            sb.append("if_down_cmd = 'ip addr del $_IP_$/24 dev ").append(dev).append("'\n");
        }
        sb.append("arping_path = '").append(scripts).append("'\n");
        sb.append("arping_cmd = '").append(scripts).append("/garp.sh $_IP_$'\n");
        sb.append("wd_escalation_command = '").append(scripts).append("/escalation.sh'\n");
        sb.append("wd_de_escalation_command = '").append(scripts).append("/de_escalation.sh'\n");
        sb.append(options.extraConfig()).append('\n');
        return sb.toString();
    }

    /** The network the members run in. */
    public NetnsLab lab() {
        return lab;
    }

    /** The backends. */
    public PgCluster pg() {
        return pg;
    }

    /** How many members there are. */
    public int size() {
        return processes.length;
    }

    /** Member {@code k}'s directory: pgpool.conf, pgpool_node_id, pcp.conf, .pcppass, raftpool.log. */
    public Path dir(int k) {
        return root.resolve("member" + k);
    }

    /** Where the scripts are, and the logs they write. */
    public Path scriptsDir() {
        return scripts;
    }

    /** Member {@code k}'s output (stdout and stderr, kept across restarts). */
    public Path log(int k) {
        return dir(k).resolve("raftpool.log");
    }

    /** Starts every member at once (they need each other for a quorum) and returns when all listen. */
    public void startAll() {
        for (int k = 0; k < size(); k++) {
            launch(k);
        }
        for (int k = 0; k < size(); k++) {
            awaitListening(k);
        }
    }

    /** Starts member {@code k} (which must not be running) and returns when it listens. */
    public void start(int k) {
        launch(k);
        awaitListening(k);
    }

    private void launch(int k) {
        if (processes[k] != null && processes[k].isAlive()) {
            throw new IllegalStateException("member " + k + " is already running");
        }
        List<String> cmd = List.of("ip", "netns", "exec", lab.memberNamespace(k),
                RaftpoolProcess.home().resolve("bin/raftpool").toString(), "start", "-n", "-f",
                dir(k).resolve("pgpool.conf").toString());
        try {
            Files.writeString(log(k), "===== " + java.time.Instant.now() + " starting member " + k + " in "
                    + lab.memberNamespace(k) + " =====\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(k).toFile()));
            pb.environment().put("RAFTPOOL_JAVA_OPTS", "-Xmx192m -Draftpool.log.dir=" + dir(k)
                    + System.getProperty("raftpool.it.jvmopts", ""));
            processes[k] = pb.start();
            stopped[k] = false;
            LOG.info("member {} started in {} (pid {})", k, lab.memberNamespace(k), processes[k].pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(int k) {
        Process p = processes[k];
        long t0 = System.nanoTime();
        Wait.until(START_TIMEOUT, "member " + k + " to listen on port " + PORT + " in " + lab.memberNamespace(k),
                () -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("member " + k + " exited with status " + p.exitValue()
                                + "; see " + log(k));
                    }
                    return lab.listens(k, PORT);
                });
        LOG.info("member {} listens on {}:{} ({} ms after it was awaited)", k, lab.memberAddress(k), PORT,
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** Whether member {@code k}'s process is alive (stopped with SIGSTOP counts as alive). */
    public boolean isAlive(int k) {
        return processes[k] != null && processes[k].isAlive();
    }

    /** Whether member {@code k} is alive and not stopped. */
    public boolean isRunning(int k) {
        return isAlive(k) && !stopped[k];
    }

    /** The pid of member {@code k}'s raftpool JVM. */
    public long pid(int k) {
        return processes[k].pid();
    }

    /** SIGKILL to member {@code k}; returns once it is gone. Its namespace keeps whatever addresses it had. */
    public void kill9(int k) throws InterruptedException {
        Process p = processes[k];
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("member " + k + " survived SIGKILL");
        }
        stopped[k] = false;
        LOG.info("member {} killed with SIGKILL", k);
    }

    /** SIGSTOP to member {@code k}: it is frozen, its sockets stay open. */
    public void sigstop(int k) {
        signal(k, "STOP");
        stopped[k] = true;
    }

    /** SIGCONT to member {@code k}. */
    public void sigcont(int k) {
        signal(k, "CONT");
        stopped[k] = false;
    }

    /** SIGTERM to member {@code k} (a clean stop); returns its exit status once it has exited. */
    public int sigterm(int k) throws InterruptedException {
        Process p = processes[k];
        if (stopped[k]) {
            sigcont(k);
        }
        p.destroy();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("member " + k + " did not exit within 60 s of SIGTERM");
        }
        LOG.info("member {} stopped with SIGTERM: exit status {}", k, p.exitValue());
        return p.exitValue();
    }

    private void signal(int k, String signal) {
        NetnsLab.Result r = NetnsLab.run(Duration.ofSeconds(10), List.of("kill", "-" + signal,
                String.valueOf(processes[k].pid())));
        if (!r.ok()) {
            throw new IllegalStateException("kill -" + signal + " " + processes[k].pid() + ": " + r.output());
        }
        LOG.info("member {} sent SIG{}", k, signal);
    }

    /** Runs psql in the client namespace against {@code host} (a member's address or the VIP), port {@value #PORT}. */
    public NetnsLab.Result psql(String host, String sql) {
        String psql = PgInstallation.locate().binDir().resolve("psql").toString();
        return lab.exec(PSQL_TIMEOUT, lab.clientNamespace(), "env", "PGCONNECT_TIMEOUT=5", psql, "-X", "-h", host,
                "-p", String.valueOf(PORT), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-Atc",
                sql);
    }

    /** {@link #psql(String, String)} against member {@code k}'s own address. */
    public NetnsLab.Result psql(int k, String sql) {
        return psql(lab.memberAddress(k), sql);
    }

    /** Runs {@code sql} through {@code host} and returns its output; fails with psql's message if it fails. */
    public String query(String host, String sql) {
        NetnsLab.Result r = psql(host, sql);
        if (!r.ok()) {
            throw new IllegalStateException("psql -h " + host + " -c \"" + sql + "\" failed (" + r.exitCode() + "): "
                    + r.output().strip());
        }
        return r.output().strip();
    }

    /**
     * SHOW pool_nodes through member {@code k}, one line per backend with the columns that come from the
     * replicated state: node_id|hostname|port|status|lb_weight|role|last_status_change.
     */
    public List<String> poolNodes(int k) {
        List<String> rows = new ArrayList<>();
        for (String line : query(lab.memberAddress(k), "SHOW pool_nodes").split("\n")) {
            String[] c = line.split("\\|", -1);
            if (c.length < 14) {
                throw new IllegalStateException("unexpected SHOW pool_nodes row from member " + k + ": " + line);
            }
            rows.add(String.join("|", c[0], c[1], c[2], c[3], c[5], c[6], c[13]));
        }
        return rows;
    }

    /** SHOW pool_nodes of every running member, by member, for assertions and messages. */
    public Map<Integer, List<String>> poolNodesOfRunningMembers() {
        Map<Integer, List<String>> all = new TreeMap<>();
        for (int k = 0; k < size(); k++) {
            if (isRunning(k) && lab.isLinkUp(k)) {
                all.put(k, poolNodes(k));
            }
        }
        return all;
    }

    /**
     * Whether every running member shows the same SHOW pool_nodes and {@code expected} holds for it (for
     * example {@code "1|...|up|...|primary"}-style checks written by the caller).
     */
    public boolean allAgree(java.util.function.Predicate<List<String>> expected) {
        Map<Integer, List<String>> all = poolNodesOfRunningMembers();
        return !all.isEmpty() && all.values().stream().distinct().count() == 1
                && expected.test(all.values().iterator().next());
    }

    /**
     * Runs a raftpool admin subcommand in member {@code k}'s namespace against its own PCP port, as the
     * pcp.conf user with the password from .pcppass: {@code raftpool <args> -h <address> -p 9898 -U admin -w}.
     */
    public NetnsLab.Result cli(int k, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "PCPPASSFILE=" + dir(k).resolve(".pcppass"),
                "RAFTPOOL_JAVA_OPTS=-Xmx128m", RaftpoolProcess.home().resolve("bin/raftpool").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-h", lab.memberAddress(k), "-p", String.valueOf(PCP_PORT), "-U",
                RaftpoolProcess.ADMIN_USER, "-w"));
        return lab.exec(Duration.ofSeconds(120), lab.memberNamespace(k), cmd.toArray(String[]::new));
    }

    /** The lines failover.sh and follow.sh wrote, in the whole cluster. */
    public List<String> failoverEvents() {
        return FailoverScripts.events(scripts);
    }

    /** The lines escalation.sh and de_escalation.sh wrote (with "fenced ..." lines). */
    public List<String> escalationEvents() {
        return WatchdogScripts.lines(scripts, WatchdogScripts.ESCALATION_LOG);
    }

    /** The lines if_up.sh, if_down.sh and garp.sh wrote. */
    public List<String> vipEvents() {
        return WatchdogScripts.lines(scripts, WatchdogScripts.VIP_LOG);
    }

    /** For each member, the Raft terms its log says it led ("leader of term N and ready"). */
    public Map<Integer, List<Long>> leaderTerms() {
        Map<Integer, List<Long>> terms = new TreeMap<>();
        for (int k = 0; k < size(); k++) {
            List<Long> t = new ArrayList<>();
            Matcher m = LEADER.matcher(logText(k));
            while (m.find()) {
                t.add(Long.parseLong(m.group(1)));
            }
            terms.put(k, t);
        }
        return terms;
    }

    /** Member {@code k}'s log so far. */
    public String logText(int k) {
        try {
            return Files.exists(log(k)) ? Files.readString(log(k)) : "";
        } catch (IOException e) {
            return "(cannot read " + log(k) + ": " + e + ")";
        }
    }

    /** Everything useful when a test fails: each member's log tail, the scripts' logs, who has which address. */
    public void dump(PrintStream out, int lines) {
        for (int k = 0; k < size(); k++) {
            String[] all = logText(k).split("\n");
            out.println("----- member " + k + " (" + lab.memberNamespace(k) + ", " + lab.memberAddress(k) + ", "
                    + (isAlive(k) ? (stopped[k] ? "stopped" : "running") : "not running") + ", link "
                    + (lab.isLinkUp(k) ? "up" : "down") + "): last " + lines + " lines of " + log(k) + " -----");
            // the effective configuration raftpool logs at start is pgpool.conf, in the member's directory
            List<String> kept = java.util.Arrays.stream(all).filter(l -> !l.contains("StartCommand:   ")).toList();
            for (int i = Math.max(0, kept.size() - lines); i < kept.size(); i++) {
                out.println(kept.get(i));
            }
            try {
                out.println("----- ip -4 addr in " + lab.memberNamespace(k) + " -----\n" + lab.addressLines(k));
            } catch (RuntimeException e) {
                out.println("(ip addr failed: " + e + ")");
            }
        }
        out.println("----- events.log -----");
        failoverEvents().forEach(out::println);
        out.println("----- " + WatchdogScripts.ESCALATION_LOG + " -----");
        escalationEvents().forEach(out::println);
        out.println("----- " + WatchdogScripts.VIP_LOG + " -----");
        vipEvents().forEach(out::println);
        out.flush();
    }

    /** Kills every member (a frozen one too) and deletes the directory. */
    @Override
    public void close() {
        for (int k = 0; k < size(); k++) {
            Process p = processes[k];
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", root, e.toString());
        }
    }
}
