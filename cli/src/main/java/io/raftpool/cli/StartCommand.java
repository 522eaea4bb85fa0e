package io.raftpool.cli;

import io.raftpool.conf.Config;
import io.raftpool.conf.ConfigLoader;
import io.raftpool.conf.LoadResult;
import io.raftpool.conf.Params;
import io.raftpool.conf.Setting;
import io.raftpool.conf.hba.HbaFile;
import io.raftpool.conf.hba.HbaLoadResult;
import io.raftpool.conf.hba.HbaRules;
import io.raftpool.conf.passwd.PoolKey;
import io.raftpool.conf.pcp.PcpConfFile;
import io.raftpool.conf.pcp.PcpConfLoadResult;
import io.raftpool.conf.pcp.PcpUsers;
import io.raftpool.conf.passwd.PoolKeyLoadResult;
import io.raftpool.conf.passwd.PoolPasswd;
import io.raftpool.conf.passwd.PoolPasswdFile;
import io.raftpool.conf.passwd.PoolPasswdLoadResult;
import io.raftpool.watchdog.RaftpoolDaemon;
import io.raftpool.watchdog.admin.ClusterAdmin;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.clientauth.PoolClientAuthentication;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code raftpool start}: runs the proxy, as {@code pgpool} does. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = {"Starts raftpool with a Pgpool-II configuration.",
            "The options mean what they mean for pgpool; so do the signals: SIGHUP reloads the configuration, "
                    + "SIGTERM stops smartly (no new clients; exits when the last session ends), SIGINT stops fast "
                    + "(ends the sessions at once)."})
final class StartCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);

    @Option(names = {"-f", "--config-file"}, paramLabel = "CONFIG_FILE", defaultValue = "/etc/pgpool2/pgpool.conf",
            description = "pgpool.conf (default: ${DEFAULT-VALUE})")
    Path configFile;

    @Option(names = {"-F", "--pcp-file"}, paramLabel = "PCP_CONFIG_FILE",
            description = "pcp.conf (default: pcp.conf beside pgpool.conf)")
    Path pcpFile;

    @Option(names = {"-a", "--hba-file"}, paramLabel = "HBA_CONFIG_FILE",
            description = "pool_hba.conf (default: pool_hba.conf beside pgpool.conf)")
    Path hbaFile;

    @Option(names = {"-n", "--no-daemon"}, description = "run in the foreground (raftpool always does; "
            + "use systemd or a process supervisor to run it in the background)")
    boolean noDaemon;

    @Option(names = {"-D", "--discard-status"}, description = "forget the backend status recorded in the Raft "
            + "log (Pgpool-II's pgpool_status) and start from pgpool.conf")
    boolean discardStatus;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        LoadResult loaded = ConfigLoader.load(configFile);
        loaded.problems().forEach(p -> err.println(p));
        err.flush();
        if (!loaded.ok()) {
            return 1;
        }
        Config config = loaded.config();
        logEffectiveConfiguration(config);
        Path dir = config.file().getParent();
        String problem = startProblem(config);
        if (problem != null) {
            err.println(problem);
            err.flush();
            return 1;
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        Path pcp = pcpFile != null ? pcpFile : dir.resolve("pcp.conf");
        if (!Files.exists(pcp)) {
            LOG.warn("{} does not exist: no user can use the admin API until it does", pcp);
        }
        java.util.logging.Logger.getLogger("io.grpc").setLevel(java.util.logging.Level.WARNING);
        java.util.concurrent.atomic.AtomicReference<RaftpoolDaemon> started = new java.util.concurrent.atomic.AtomicReference<>();
        RaftpoolDaemon daemon = RaftpoolDaemon.start(config, this::authFor, () -> pcpUsers(pcp), discardStatus,
                mode -> stop(started.get(), mode, stopRequested));
        started.set(daemon);
        reloadOnSighup(daemon);
        stopOnSignal("TERM", daemon, ClusterAdmin.StopMode.SMART, stopRequested);
        stopOnSignal("INT", daemon, ClusterAdmin.StopMode.FAST, stopRequested);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("received a stop request; shutting down");
            daemon.close();
            stopped.countDown();
        }, "raftpool-shutdown"));
        Thread adminStop = new Thread(() -> {
            try {
                stopRequested.await();
                System.exit(0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "raftpool-admin-stop");
        adminStop.setDaemon(true);
        adminStop.start();
        LOG.info("raftpool started (pid {})", ProcessHandle.current().pid());
        stopped.await();
        return 0;
    }

    /**
     * What stops the start before anything listens, in one line: a -Draftpool.transport naming no transport
     * or one this machine lacks, or an invalid pool_hba.conf, pool_passwd or key file; null when none.
     */
    private String startProblem(Config config) {
        try {
            Transport.best();
        } catch (IllegalArgumentException | IllegalStateException e) {
            return e.getMessage();
        }
        try {
            authFor(config);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Client authentication from pool_hba.conf (when enable_pool_hba is on), pool_passwd and the AES key;
     * read at start and at every reload.
     *
     * @throws IllegalArgumentException naming every problem, when a file is invalid
     */
    private PoolClientAuthentication authFor(Config config) {
        Path dir = config.file().getParent();
        java.util.List<io.raftpool.conf.ConfigProblem> problems = new java.util.ArrayList<>();
        HbaRules hba = null;
        if (config.get(Params.ENABLE_POOL_HBA)) {
            HbaLoadResult h = HbaFile.load(hbaFile != null ? hbaFile : dir.resolve("pool_hba.conf"));
            problems.addAll(h.problems());
            hba = h.rules();
        }
        PoolPasswd passwd = new PoolPasswd(List.of());
        String passwdName = config.get(Params.POOL_PASSWD);
        if (!passwdName.isEmpty() && Files.exists(dir.resolve(passwdName))) {
            PoolPasswdLoadResult p = PoolPasswdFile.load(dir.resolve(passwdName));
            problems.addAll(p.problems());
            passwd = p.ok() ? p.passwd() : passwd;
        }
        PoolKey key = null;
        if (Files.exists(PoolKey.defaultKeyFile())) {
            PoolKeyLoadResult k = PoolKey.loadDefault();
            problems.addAll(k.problems());
            key = k.key();
        }
        problems.stream().filter(p -> !p.isError()).forEach(p -> LOG.warn("{}", p));
        String errors = problems.stream().filter(io.raftpool.conf.ConfigProblem::isError).map(Object::toString)
                .collect(java.util.stream.Collectors.joining("\n"));
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors);
        }
        return new PoolClientAuthentication(hba, passwd, key, config.get(Params.ALLOW_CLEAR_TEXT_FRONTEND_AUTH));
    }

    /**
     * pcp_stop_pgpool's modes: smart stops accepting clients and waits for the sessions under way to end;
     * fast and immediate end them at once (sessions get 57P01 either way).
     */
    private static void stop(RaftpoolDaemon daemon, ClusterAdmin.StopMode mode, CountDownLatch stopRequested) {
        if (mode != ClusterAdmin.StopMode.SMART || daemon == null) {
            stopRequested.countDown();
            return;
        }
        Thread smart = new Thread(() -> {
            LOG.info("smart shutdown: no new clients; waiting for {} session(s) to end",
                    daemon.proxy().context().sessions().sessions().size());
            daemon.leaveCluster();
            daemon.proxy().stopListening();
            while (!daemon.proxy().context().sessions().sessions().isEmpty()) {
                try {
                    java.util.concurrent.TimeUnit.MILLISECONDS.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            stopRequested.countDown();
        }, "raftpool-smart-shutdown");
        smart.setDaemon(true);
        smart.start();
    }

    /** SIGHUP reloads, as with pgpool. */
    @SuppressWarnings("removal")
    private static void reloadOnSighup(RaftpoolDaemon daemon) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> daemon.admin().reload().whenComplete(
                    (result, error) -> {
                        if (error != null) {
                            LOG.warn("SIGHUP: {}", error.getMessage());
                        } else {
                            LOG.info("SIGHUP: {}", result);
                        }
                    }));
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot handle SIGHUP on this platform: {}", e.getMessage());
        }
    }

    /**
     * SIGTERM stops smartly and SIGINT fast, as with pgpool (SIGQUIT stays the JVM's thread dump). Either ends
     * with System.exit, whose shutdown hook closes the daemon.
     */
    @SuppressWarnings("removal")
    private static void stopOnSignal(String name, RaftpoolDaemon daemon, ClusterAdmin.StopMode mode,
            CountDownLatch stopRequested) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                LOG.info("SIG{}: {} stop", name, mode.name().toLowerCase(java.util.Locale.ROOT));
                stop(daemon, mode, stopRequested);
            });
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot handle SIG{} on this platform: {}", name, e.getMessage());
        }
    }

    /** pcp.conf, read again for every admin call (as Pgpool-II reads it for every PCP connection). */
    private static PcpUsers pcpUsers(Path file) {
        if (!Files.exists(file)) {
            return PcpConfFile.parse("", file).users();
        }
        PcpConfLoadResult r = PcpConfFile.load(file);
        r.problems().forEach(p -> LOG.warn("{}", p));
        return r.ok() ? r.users() : PcpConfFile.parse("", file).users();
    }

    private static void logEffectiveConfiguration(Config config) {
        LOG.info("configuration file: {}", config.file());
        for (Setting s : config.effective()) {
            if (!s.origin().isDefault()) {
                LOG.info("  {} = {} ({})", s.name(), s.display(), s.origin());
            }
        }
    }
}
