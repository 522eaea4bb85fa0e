package io.raftpool.vip;

import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import io.raftpool.conf.command.CommandResult;
import io.raftpool.conf.command.CommandRunner;
import io.raftpool.conf.command.CommandTemplate;
import io.raftpool.conf.command.Placeholders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delegate IP (delegate_IP) of this instance: bringing it up and down with the operator's commands, and
 * checking whether this host holds it.
 *
 * <p>The commands are Pgpool-II 4.3's: {@link #up()} runs if_up_cmd and then, if it succeeded, arping_cmd;
 * {@link #down()} runs if_down_cmd. In each, {@code $_IP_$} stands for delegate_IP, and a program given
 * without a leading {@code /} is looked up in if_cmd_path (if_up_cmd, if_down_cmd) or arping_path
 * (arping_cmd), and nowhere else. They run through the {@link CommandRunner}, under a timeout, and a failure
 * is returned and logged, never thrown.
 *
 * <p>This class only acts when asked: deciding who may hold the address (the Raft leader, with quorum) is
 * the watchdog's job. When delegate_IP is empty, {@link #up()} and {@link #down()} do nothing and succeed,
 * as in Pgpool-II.
 */
public final class DelegateIp {

    private static final Logger LOG = LoggerFactory.getLogger(DelegateIp.class);

    /** How often {@link #answers} looks again while it waits. */
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final String address;
    private final CommandTemplate ifUp;
    private final CommandTemplate ifDown;
    private final CommandTemplate arping;
    private final CommandRunner runner;
    private final Duration commandTimeout;

    /**
     * The delegate IP as configured.
     *
     * @param config         delegate_IP, if_cmd_path, if_up_cmd, if_down_cmd, arping_path and arping_cmd
     * @param runner         runs the commands
     * @param commandTimeout how long each command may run before it is killed and counted as failed
     */
    public DelegateIp(Config config, CommandRunner runner, Duration commandTimeout) {
        this.address = config.get(Params.DELEGATE_IP).strip();
        String ifPath = config.get(Params.IF_CMD_PATH);
        this.ifUp = IfCommand.template("if_up_cmd", config.get(Params.IF_UP_CMD), ifPath);
        this.ifDown = IfCommand.template("if_down_cmd", config.get(Params.IF_DOWN_CMD), ifPath);
        this.arping = IfCommand.template("arping_cmd", config.get(Params.ARPING_CMD), config.get(Params.ARPING_PATH));
        this.runner = Objects.requireNonNull(runner);
        this.commandTimeout = Objects.requireNonNull(commandTimeout);
    }

    /** True when delegate_IP is set. */
    public boolean configured() {
        return !address.isEmpty();
    }

    /** delegate_IP, or an empty string when it is not set. */
    public String address() {
        return address;
    }

    /**
     * Brings the delegate IP up on this host: if_up_cmd, then arping_cmd to announce the move. Succeeds when
     * both exit with status 0 within the timeout; arping_cmd does not run when if_up_cmd failed. An empty
     * if_up_cmd or arping_cmd is a failure, as in Pgpool-II. Whether the address then answers is for
     * {@link #answers} to tell.
     */
    public Result up() {
        if (!configured()) {
            LOG.info("delegate_IP is not configured: there is no delegate IP to bring up");
            return new Result(true, "delegate_IP is not configured", List.of());
        }
        List<CommandResult> ran = new ArrayList<>();
        String failure = runStep(ifUp, "if_up_cmd", ran);
        if (failure == null) {
            failure = runStep(arping, "arping_cmd", ran);
        }
        return finish("bring up", failure, ran);
    }

    /**
     * Takes the delegate IP down on this host with if_down_cmd. Succeeds when it exits with status 0 within
     * the timeout; an empty if_down_cmd is a failure.
     */
    public Result down() {
        if (!configured()) {
            LOG.info("delegate_IP is not configured: there is no delegate IP to release");
            return new Result(true, "delegate_IP is not configured", List.of());
        }
        List<CommandResult> ran = new ArrayList<>();
        return finish("release", runStep(ifDown, "if_down_cmd", ran), ran);
    }

    /** Runs one command; returns why it failed, or {@code null} when it succeeded. */
    private String runStep(CommandTemplate template, String name, List<CommandResult> ran) {
        if (template == null) {
            return name + " is empty";
        }
        CommandResult r = runner.run(template, Placeholders.delegateIp(address), commandTimeout);
        ran.add(r);
        if (r.succeeded()) {
            return null;
        }
        String output = (r.stdout() + r.stderr()).strip();
        return r.summary() + (output.isEmpty() ? "" : "; output: " + output.replace('\n', ' '));
    }

    private Result finish(String action, String failure, List<CommandResult> ran) {
        if (failure == null) {
            String summary = "delegate IP " + address + ": " + action + " succeeded";
            LOG.info("{}", summary);
            return new Result(true, summary, ran);
        }
        String summary = "delegate IP " + address + ": failed to " + action + ": " + failure;
        LOG.warn("{}", summary);
        return new Result(false, summary, ran);
    }

    /**
     * True when delegate_IP is assigned to an interface of this host that is up, as the operating system
     * lists them now (in this process's network namespace). False when delegate_IP is not configured, is not
     * an address, or the interfaces cannot be read.
     */
    public boolean isHeldLocally() {
        if (!configured()) {
            return false;
        }
        try {
            return LocalAddresses.isAssigned(InetAddress.getByName(address));
        } catch (IOException e) {
            LOG.warn("cannot tell whether delegate IP {} is held locally: {}", address, e.toString());
            return false;
        }
    }

    /**
     * Waits up to {@code timeout} for the delegate IP to be {@linkplain #isHeldLocally() held locally}. For
     * use after {@link #up()}.
     *
     * @return whether it was held before the timeout
     */
    public boolean answers(Duration timeout) {
        return answers(0, timeout);
    }

    /**
     * Waits up to {@code timeout} for the delegate IP to be {@linkplain #isHeldLocally() held locally} and,
     * when {@code port} is positive, for a TCP connection to delegate_IP:port to be accepted (that is, for a
     * service on this host, such as the proxy, to be reachable on the address).
     *
     * <p>It checks this host only: that the kernel has the address and something listens on it. Whether
     * other hosts route to this host for it is what arping_cmd sees to; this check does not prove it.
     *
     * @return whether both held before the timeout
     */
    public boolean answers(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String why;
        while (true) {
            why = check(port, deadline);
            if (why == null) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, RECHECK_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                why = "interrupted while waiting";
                break;
            }
        }
        LOG.warn("delegate IP {} does not answer after {} ms: {}", address, timeout.toMillis(), why);
        return false;
    }

    /** Why the address does not answer yet, or {@code null} when it does. */
    private String check(int port, long deadline) {
        if (!isHeldLocally()) {
            return configured() ? "it is not assigned to any interface of this host that is up"
                    : "delegate_IP is not configured";
        }
        if (port <= 0) {
            return null;
        }
        int connectMillis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), connectMillis);
            return null;
        } catch (IOException e) {
            return "TCP connection to port " + port + " failed: " + e;
        }
    }

    /**
     * What {@link #up()} or {@link #down()} did.
     *
     * @param succeeded whether every command it needed succeeded (true when there was nothing to do)
     * @param summary   one line for logs and status: what was done, or what failed and why, with the
     *                  failing command's exit status and output
     * @param commands  the commands that ran, in order, with their exit status and output
     */
    public record Result(boolean succeeded, String summary, List<CommandResult> commands) {

        public Result {
            commands = List.copyOf(commands);
        }
    }
}
