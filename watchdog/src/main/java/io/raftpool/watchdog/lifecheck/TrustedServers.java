package io.raftpool.watchdog.lifecheck;

import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.command.CommandResult;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.conf.command.CommandTemplate;
import io.raftpool.conf.command.Placeholders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upstream check of trusted_servers: can this member still reach the network its clients are on?
 *
 * <p>Semantics of Pgpool-II 4.4 (wd_lifecheck.c, wd_ping.c), whose trusted_server_command raftpool accepts:
 * <ul>
 * <li>trusted_servers is a comma-separated list; empty entries are skipped (and, here, spaces around a name
 * are trimmed: Pgpool-II splices the name into a shell command line, where they were harmless too).</li>
 * <li>For each server, trusted_server_command runs with {@code %h} replaced by the server's name;
 * {@code %%} is a {@code %}; any other {@code %} and the character after it are dropped, as in Pgpool-II.
 * The command runs under {@code /bin/sh -c} as Pgpool-II's {@code system()} does, but the name is passed as
 * a positional parameter, never spliced into the command line.</li>
 * <li>The commands for all servers run at once. A server answers when its command exits with status 0;
 * {@link #reachable()} is true as soon as one answers, and false when none did. A member that reaches no
 * trusted server considers itself isolated, and the watchdog treats it as failed (Pgpool-II marks its
 * own node dead, "trusted server is unreachable").</li>
 * <li>A command still running when a check ends (because another server answered first) is not started
 * again by the next check, which waits for that run instead; a finished run is never reused.</li>
 * </ul>
 * Differences: each command has a timeout (Pgpool-II has none), after which it is killed and counts as not
 * answering; and its output is logged by the command runner instead of being discarded.
 */
public final class TrustedServers {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedServers.class);

    private final List<String> servers;
    private final CommandTemplate command;
    private final CommandRunner runner;
    private final Duration timeout;
    private final Map<String, CompletableFuture<CommandResult>> running = new HashMap<>();

    /**
     * The check configured by trusted_servers and trusted_server_command.
     *
     * @param timeout how long one server's command may run; must be positive
     */
    public TrustedServers(Config config, CommandRunner runner, Duration timeout) {
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the trusted server command needs a positive timeout");
        }
        this.servers = Arrays.stream(config.get(Params.TRUSTED_SERVERS).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        this.command = CommandTemplate.of("trusted_server_command",
                hostPlaceholderOnly(config.get(Params.TRUSTED_SERVER_COMMAND)));
        this.runner = Objects.requireNonNull(runner);
        this.timeout = timeout;
        servers.forEach(s -> LOG.info("trusted server \"{}\" will be checked for upstream connectivity", s));
    }

    /** True when trusted_servers names at least one server. */
    public boolean configured() {
        return !servers.isEmpty();
    }

    /** The servers, in configuration order. */
    public List<String> servers() {
        return servers;
    }

    /**
     * Runs the check: true when at least one trusted server answers (or none is configured), false when
     * none does. Blocks until one answers or every command has ended, each within the timeout (plus the
     * time the runner takes to kill it). Never throws.
     */
    public boolean reachable() {
        if (servers.isEmpty()) {
            return true;
        }
        List<CompletableFuture<CommandResult>> runs = new ArrayList<>();
        synchronized (running) {
            for (String server : servers) {
                CompletableFuture<CommandResult> run = running.get(server);
                if (run == null || run.isDone()) {
                    run = runner.runAsync(command.prepare(Placeholders.builder().percent('h', server).build()),
                            timeout);
                    running.put(server, run);
                }
                runs.add(run);
            }
        }
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(runs.size());
        for (CompletableFuture<CommandResult> run : runs) {
            run.thenAccept(r -> {
                if (r.succeeded()) {
                    verdict.complete(true);
                } else if (pending.decrementAndGet() == 0) {
                    verdict.complete(false);
                }
            });
        }
        boolean reached;
        try {
            reached = verdict.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            LOG.warn("trusted server check failed", e);
            return false;
        }
        if (!reached) {
            LOG.warn("none of the trusted servers answered trusted_server_command: {}", String.join(", ", servers));
        }
        return reached;
    }

    /** Pgpool-II's rule for trusted_server_command: {@code %h} and {@code %%} stay, any other %x goes. */
    static String hostPlaceholderOnly(String template) {
        StringBuilder out = new StringBuilder(template.length());
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '%') {
                out.append(c);
            } else if (i + 1 < template.length()) {
                char next = template.charAt(++i);
                if (next == 'h' || next == '%') {
                    out.append('%').append(next);
                }
            }
        }
        return out.toString();
    }
}
