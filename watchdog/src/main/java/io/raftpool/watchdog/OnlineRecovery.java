package io.raftpool.watchdog;

import java.util.function.Supplier;
import io.raftpool.conf.BackendConfig;
import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.command.CommandResult;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.conf.command.PreparedCommand;
import io.raftpool.consensus.BackendState;
import io.raftpool.consensus.ClusterCommand;
import io.raftpool.consensus.FailoverOperation;
import io.raftpool.consensus.NodeStatus;
import io.raftpool.proxy.backend.SimpleQueryResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Online recovery (pcp_recovery_node) of a detached node, as Pgpool-II does it in streaming-replication
 * mode: recovery_1st_stage_command rebuilds the node from the primary, pgpool_remote_start starts it, and
 * once it accepts connections it is attached. Where the primary has the pgpool_recovery extension, the
 * scripts run there through {@code pgpool_recovery()} and {@code pgpool_remote_start()} exactly as with
 * Pgpool-II; otherwise raftpool runs them itself, from the primary's backend_data_directory, with the same
 * arguments (as an argument vector, with no shell).
 */
final class OnlineRecovery {

    /** Runs SQL on a node as a user; the failover executor's access to the backends. */
    interface Sql {
        Optional<SimpleQueryResult> run(int nodeId, String user, String password, String database, String sql);
    }

    private static final String REMOTE_START = "pgpool_remote_start";

    private final FailoverExecutor executor;
    private final Supplier<Config> config;
    private final CommandRunner runner;
    private final Sql sql;

    OnlineRecovery(FailoverExecutor executor, Supplier<Config> config, CommandRunner runner, Sql sql) {
        this.executor = executor;
        this.config = config;
        this.runner = runner;
        this.sql = sql;
    }

    String run(FailoverOperation op) {
        int node = op.nodeId();
        BackendState b = executor.backend(node);
        if (b.status() != NodeStatus.DOWN && b.status() != NodeStatus.QUARANTINE) {
            throw new IllegalStateException("node " + node + " is attached; only a detached node can be recovered");
        }
        int primary = executor.raft().state().primaryNodeId();
        if (primary < 0) {
            throw new IllegalStateException("there is no primary to recover node " + node + " from");
        }
        String script = config.get().get(Params.RECOVERY_1ST_STAGE_COMMAND);
        if (script.isBlank()) {
            throw new IllegalStateException("recovery_1st_stage_command is not set");
        }
        BackendConfig target = backend(node);
        BackendConfig main = backend(primary);
        String targetHost = hostForScripts(target);
        String mainHost = hostForScripts(main);
        String how;
        if (hasExtension(primary)) {
            call(primary, "SELECT pgpool_recovery(" + literal(script) + ", " + literal(targetHost) + ", "
                    + literal(target.dataDirectory()) + ", " + literal(String.valueOf(main.port())) + ", " + node
                    + ", " + literal(String.valueOf(target.port())) + ", " + literal(mainHost) + ")");
            call(primary, "SELECT pgpool_remote_start(" + literal(targetHost) + ", " + literal(target.dataDirectory())
                    + ")");
            how = "through pgpool_recovery() on node " + primary;
        } else {
            Path dataDir = Path.of(main.dataDirectory());
            runLocally("recovery_1st_stage_command", List.of(dataDir.resolve(script).toString(),
                    main.dataDirectory(), targetHost, target.dataDirectory(), String.valueOf(main.port()),
                    String.valueOf(node), String.valueOf(target.port()), mainHost));
            runLocally(REMOTE_START, List.of(dataDir.resolve(REMOTE_START).toString(), targetHost,
                    target.dataDirectory()));
            how = "with the scripts in " + dataDir + " run by raftpool (no pgpool_recovery extension)";
        }
        waitUntilUp(node);
        executor.submit(new ClusterCommand.SetBackendStatus(node, NodeStatus.UP, "recovered online",
                System.currentTimeMillis()));
        CommandResult failback = executor.runIfSet("failback_command", config.get().get(Params.FAILBACK_COMMAND),
                executor.placeholders(node, primary, primary, primary));
        return "node " + node + " recovered " + how + " and attached" + FailoverExecutor.outcome(failback);
    }

    private boolean hasExtension(int primary) {
        return sql.run(primary, recoveryUser(), recoveryPassword(), "template1",
                "SELECT count(*) FROM pg_proc WHERE proname = 'pgpool_recovery'")
                .filter(SimpleQueryResult::ok).map(r -> !"0".equals(r.firstValue())).orElse(false);
    }

    private void call(int node, String statement) {
        SimpleQueryResult r = sql.run(node, recoveryUser(), recoveryPassword(), "template1", statement)
                .orElseThrow(() -> new IllegalStateException("node " + node + " did not answer: " + statement));
        if (!r.ok()) {
            throw new IllegalStateException(statement + " failed: " + r.error());
        }
    }

    private void runLocally(String name, List<String> argv) {
        CommandResult r = runner.run(PreparedCommand.ofArgv(name, argv), config.get().get(Params.RECOVERY_TIMEOUT));
        if (!r.succeeded()) {
            throw new IllegalStateException(r.summary() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
        }
    }

    private void waitUntilUp(int node) {
        Duration timeout = config.get().get(Params.RECOVERY_TIMEOUT);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (executor.probeAnswers(node)) {
                return;
            }
            FailoverExecutor.pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException("node " + node + " did not accept connections within recovery_timeout ("
                + timeout.toSeconds() + " s)");
    }

    private String recoveryUser() {
        return config.get().get(Params.RECOVERY_USER);
    }

    private String recoveryPassword() {
        return config.get().get(Params.RECOVERY_PASSWORD);
    }

    private BackendConfig backend(int id) {
        return config.get().backends().stream().filter(b -> b.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node " + id + " does not exist"));
    }

    /** As Pgpool-II: a node reached through a Unix socket is "localhost" to the scripts. */
    private static String hostForScripts(BackendConfig b) {
        return b.hostname().isEmpty() || b.hostname().startsWith("/") ? "localhost" : b.hostname();
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
