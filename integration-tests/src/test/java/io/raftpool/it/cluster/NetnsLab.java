package io.raftpool.it.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.raftpool.it.pg.Wait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small network made of Linux network namespaces, for tests that need several hosts: one namespace
 * holding a Linux bridge, one namespace per cluster member and one for a client, each joined to the bridge
 * by a veth pair. Needs root and {@code ip netns}; see {@link #unavailableReason()}.
 *
 * <pre>
 *   client ns  eth0 10.213.R.9  ──veth── cl ┐
 *   member0 ns eth0 10.213.R.11 ──veth── m0 ├─ br0   (bridge ns)
 *   member1 ns eth0 10.213.R.12 ──veth── m1 │
 *   member2 ns eth0 10.213.R.13 ──veth── m2 ┘        delegate IP: 10.213.R.100
 * </pre>
 *
 * <p>Every address exists only inside these namespaces, and nothing is created in the host's own
 * namespace: each veth is created inside its member namespace with its peer placed directly in the bridge
 * namespace ({@code ip -n member link add eth0 type veth peer name m0 netns bridge}). Because interface
 * names are per namespace, every member's interface is called {@code eth0} (so one pgpool.conf with
 * {@code dev eth0} serves every member) and the bridge ports are {@code m0, m1, ..., cl}: all names stay
 * far below the kernel's 15-character limit whatever the namespaces are called.
 *
 * <p>Namespaces are named {@code rp<pid>-<start>-<n>-<role>}: the pid and start time (seconds, base 36)
 * of the JVM that made them and a counter within it. That is enough to recognise, later, a lab whose JVM
 * died without cleaning up (killed, or crashed): its owner is no longer running. {@link #create} removes
 * such leftovers first, and only those; a lab of another live JVM is left alone. {@link #close()} (also
 * run from a JVM shutdown hook) kills whatever still runs in the lab's namespaces and deletes them.
 */
public final class NetnsLab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetnsLab.class);

    /** The interface name inside every member and client namespace. */
    public static final String DEVICE = "eth0";
    /** Prefix length of the lab's subnet. */
    public static final int PREFIX_LENGTH = 24;
    static final String BRIDGE = "br0";
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    /** rp, owner pid, owner start (epoch seconds, base 36), lab counter, role. */
    static final Pattern NAME = Pattern.compile("rp(\\d+)-([0-9a-z]+)-(\\d+)-(br|cl|m\\d+)");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "netns-lab-output");
        t.setDaemon(true);
        return t;
    });

    private final String prefix;
    private final String subnet;
    private final int members;
    private final List<String> namespaces = new ArrayList<>();
    /** One idle process per member namespace: its /proc/PID/net shows that namespace (see VipSampler). */
    private final List<Process> anchors = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::closeQuietly, "netns-lab-cleanup");
    private boolean closed;

    private NetnsLab(String prefix, String subnet, int members) {
        this.prefix = prefix;
        this.subnet = subnet;
        this.members = members;
    }

    /**
     * Why a lab cannot be made on this machine (not root, no {@code ip}, namespaces not permitted), or
     * empty when it can. Tests turn a reason into a skipped-test assumption.
     */
    public static Optional<String> unavailableReason() {
        try {
            Result id = run(Duration.ofSeconds(10), List.of("id", "-u"));
            if (!"0".equals(id.output().strip())) {
                return Optional.of("these tests need root (they create network namespaces); running as uid "
                        + id.output().strip());
            }
            Path ip = ipCommand().orElse(null);
            if (ip == null) {
                return Optional.of("these tests need the ip command (iproute2), which is not installed");
            }
            String probe = ownerPrefix(COUNTER.incrementAndGet()) + "-cl";
            Result add = run(COMMAND_TIMEOUT, List.of("ip", "netns", "add", probe));
            run(COMMAND_TIMEOUT, List.of("ip", "netns", "del", probe));
            if (add.exitCode() != 0) {
                return Optional.of("ip netns add is not permitted here: " + add.output().strip());
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("cannot run ip netns: " + e);
        }
    }

    /** Where {@code ip} is, looked up in PATH and the usual sbin directories, with symbolic links resolved. */
    public static Optional<Path> ipCommand() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, "ip");
            if (Files.isExecutable(p)) {
                try {
                    return Optional.of(p.toRealPath());
                } catch (IOException e) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Removes leftovers of dead JVMs, then builds a lab with {@code members} member namespaces, a client
     * namespace and the bridge namespace, on a random 10.213.x.0/24; returns once every link is up.
     */
    public static NetnsLab create(int members) {
        if (members < 1 || members > 80) {
            throw new IllegalArgumentException("members must be 1..80, not " + members);
        }
        removeStale();
        String subnet = "10.213." + ThreadLocalRandom.current().nextInt(0, 256);
        NetnsLab lab = new NetnsLab(ownerPrefix(COUNTER.incrementAndGet()), subnet, members);
        Runtime.getRuntime().addShutdownHook(lab.shutdownHook);
        try {
            lab.build();
            return lab;
        } catch (RuntimeException | Error e) {
            lab.closeQuietly();
            throw e;
        }
    }

    private void build() {
        String br = bridgeNamespace();
        addNamespace(br);
        ip("-n", br, "link", "add", BRIDGE, "type", "bridge");
        ip("-n", br, "link", "set", BRIDGE, "up");
        for (int k = 0; k < members; k++) {
            join(memberNamespace(k), "m" + k, memberAddress(k));
        }
        join(clientNamespace(), "cl", clientAddress());
        for (int k = 0; k < members; k++) {
            anchors.add(anchor(memberNamespace(k)));
        }
        for (int k = 0; k < members; k++) {
            Process anchor = anchors.get(k);
            String ns = memberNamespace(k);
            // ip netns exec forks nothing: the pid becomes sleep's once it has entered the namespace
            Wait.until(COMMAND_TIMEOUT, "the anchor process to enter " + ns, () -> {
                if (!anchor.isAlive()) {
                    throw new IllegalStateException("ip netns exec " + ns + " sleep infinity exited");
                }
                return inNamespace(anchor.pid(), ns);
            });
        }
        LOG.info("network lab {} ready: {} members on {}.0/{}, client {}, delegate IP {}", prefix, members, subnet,
                PREFIX_LENGTH, clientAddress(), vip());
    }

    private void addNamespace(String ns) {
        ip("netns", "add", ns);
        namespaces.add(ns);
        ip("-n", ns, "link", "set", "lo", "up");
    }

    /** A namespace joined to the bridge: eth0 inside it, its peer {@code port} inside the bridge namespace. */
    private void join(String ns, String port, String address) {
        addNamespace(ns);
        String br = bridgeNamespace();
        ip("-n", ns, "link", "add", DEVICE, "type", "veth", "peer", "name", port, "netns", br);
        ip("-n", br, "link", "set", port, "master", BRIDGE);
        ip("-n", br, "link", "set", port, "up");
        ip("-n", ns, "addr", "add", address + "/" + PREFIX_LENGTH, "dev", DEVICE);
        ip("-n", ns, "link", "set", DEVICE, "up");
    }

    private static boolean inNamespace(long pid, String ns) throws IOException {
        Object inode = Files.getAttribute(Path.of("/var/run/netns", ns), "unix:ino");
        return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "ns", "net")).toString()
                .equals("net:[" + inode + "]");
    }

    private static Process anchor(String ns) {
        try {
            return new ProcessBuilder("ip", "netns", "exec", ns, "sleep", "infinity")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many member namespaces there are. */
    public int members() {
        return members;
    }

    /** The namespace of member {@code k}. */
    public String memberNamespace(int k) {
        checkMember(k);
        return prefix + "-m" + k;
    }

    /** The namespace clients run in. */
    public String clientNamespace() {
        return prefix + "-cl";
    }

    /** The namespace holding the bridge. */
    public String bridgeNamespace() {
        return prefix + "-br";
    }

    /** Member {@code k}'s own address: .11, .12, ... */
    public String memberAddress(int k) {
        checkMember(k);
        return subnet + "." + (11 + k);
    }

    /** The client's address: .9 */
    public String clientAddress() {
        return subnet + ".9";
    }

    /** The delegate (virtual) IP: .100; no namespace holds it until someone adds it. */
    public String vip() {
        return subnet + ".100";
    }

    /** The member whose namespace is {@code ns}, or -1. */
    public int memberOf(String ns) {
        for (int k = 0; k < members; k++) {
            if (memberNamespace(k).equals(ns)) {
                return k;
            }
        }
        return -1;
    }

    /** Every namespace of the lab, the bridge's first. */
    public List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Runs {@code argv} inside namespace {@code ns} ({@code ip netns exec}); returns exit status and output. */
    public Result exec(String ns, String... argv) {
        return exec(COMMAND_TIMEOUT, ns, argv);
    }

    /** {@link #exec(String, String...)} with a timeout, after which the command is killed (exit status -1). */
    public Result exec(Duration timeout, String ns, String... argv) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        return run(timeout, cmd);
    }

    /** Cuts member {@code k} off the network: its port on the bridge goes down (its own eth0 stays up). */
    public void linkDown(int k) {
        ip("-n", bridgeNamespace(), "link", "set", "m" + k, "down");
        LOG.info("member {}'s link is down", k);
    }

    /** Reconnects member {@code k}. */
    public void linkUp(int k) {
        ip("-n", bridgeNamespace(), "link", "set", "m" + k, "up");
        LOG.info("member {}'s link is up", k);
    }

    /** Whether member {@code k}'s link is up at the bridge. */
    public boolean isLinkUp(int k) {
        Result r = ipResult("-n", bridgeNamespace(), "-o", "link", "show", "m" + k);
        Matcher flags = Pattern.compile("<([^>]*)>").matcher(r.output());
        return r.exitCode() == 0 && flags.find() && List.of(flags.group(1).split(",")).contains("UP");
    }

    /** Whether member {@code k}'s namespace has {@code ip} as an IPv4 address, as {@code ip addr} shows it. */
    public boolean holdsIp(int k, String ip) {
        return addresses(k).contains(ip);
    }

    /** The IPv4 addresses in member {@code k}'s namespace, one line each as {@code ip -o -4 addr show} prints. */
    public String addressLines(int k) {
        Result r = ipResult("-n", memberNamespace(k), "-o", "-4", "addr", "show");
        if (r.exitCode() != 0) {
            throw new IllegalStateException("ip addr show in " + memberNamespace(k) + " failed: " + r.output());
        }
        return r.output();
    }

    private List<String> addresses(int k) {
        List<String> result = new ArrayList<>();
        Matcher m = Pattern.compile("\\sinet\\s+([0-9.]+)/").matcher(addressLines(k));
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    /**
     * Whether member {@code k}'s namespace has a local route for {@code ip}, read from
     * {@code /proc/<pid>/net/fib_trie} of a process living in that namespace. This is what the kernel
     * answers for; it matches {@code ip addr} for addresses on an interface that is administratively up,
     * which the lab's interfaces always are. No process is started, so it is cheap enough to call every few
     * milliseconds.
     */
    boolean hasLocalRoute(int k, String ip) throws IOException {
        List<String> fib = Files.readAllLines(Path.of("/proc", String.valueOf(anchors.get(k).pid()), "net", "fib_trie"));
        String leaf = "|-- " + ip;
        for (int i = 0; i < fib.size(); i++) {
            if (!fib.get(i).strip().equals(leaf)) {
                continue;
            }
            // the leaf's routes follow it, one per line: "/32 host LOCAL", "/24 link UNICAST", ...
            for (int j = i + 1; j < fib.size() && fib.get(j).strip().startsWith("/"); j++) {
                if (fib.get(j).strip().equals("/32 host LOCAL")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a process in member {@code k}'s namespace listens on TCP {@code port} (from /proc, no fork). */
    boolean listens(int k, int port) {
        String hexPort = String.format(":%04X ", port);
        for (String file : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(anchors.get(k).pid()), "net",
                        file))) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(hexPort) && "0A".equals(f[3])) {
                        return true;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return false;
    }

    /**
     * Whether a TCP connection from namespace {@code fromNs} to {@code address:port} is accepted within
     * {@code timeout} (bash's /dev/tcp, so no client tool is needed).
     */
    public boolean tcpConnects(String fromNs, String address, int port, Duration timeout) {
        return tcpAttempt(fromNs, address, port, timeout).ok();
    }

    /**
     * What a failed TCP connection attempt said: "Connection refused" proves the address is reachable
     * (a kernel answered), while a timeout or "No route to host" means it is not.
     */
    public Result tcpAttempt(String fromNs, String address, int port, Duration timeout) {
        double seconds = timeout.toMillis() / 1000.0;
        return exec(timeout.plusSeconds(5), fromNs, "timeout", String.format("%.3f", seconds), "bash", "-c",
                ": > /dev/tcp/" + address + "/" + port);
    }

    /** Pids of the processes running in namespace {@code ns}. */
    public List<Long> pids(String ns) {
        Result r = ipResult("netns", "pids", ns);
        List<Long> pids = new ArrayList<>();
        if (r.exitCode() == 0) {
            for (String s : r.output().split("\\s+")) {
                if (!s.isBlank()) {
                    pids.add(Long.parseLong(s.strip()));
                }
            }
        }
        return pids;
    }

    /** Whether every namespace of this lab is gone (true after {@link #close()}). */
    public boolean isGone() {
        List<String> existing = existingNamespaces();
        return namespaces.stream().noneMatch(existing::contains)
                && existing.stream().noneMatch(n -> n.startsWith(prefix + "-"));
    }

    /**
     * Kills every process still running in the lab's namespaces (only processes this lab's tests started
     * run there) and deletes the namespaces; the veth pairs and the bridge go with them. Safe to call twice.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: this is the hook running
        }
        for (Process p : anchors) {
            p.destroyForcibly();
        }
        List<String> reverse = new ArrayList<>(namespaces);
        java.util.Collections.reverse(reverse);
        for (String ns : reverse) {
            killAll(ns);
            ipResult("netns", "del", ns);
        }
        LOG.info("network lab {} removed", prefix);
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            System.err.println("cleaning up network lab " + prefix + " failed: " + e);
        }
    }

    private static void killAll(String ns) {
        List<ProcessHandle> inside = new ArrayList<>();
        Result r = run(COMMAND_TIMEOUT, List.of("ip", "netns", "pids", ns));
        for (String s : r.output().split("\\s+")) {
            if (s.matches("\\d+")) {
                ProcessHandle.of(Long.parseLong(s)).ifPresent(inside::add);
            }
        }
        for (ProcessHandle p : inside) {
            p.destroyForcibly();
        }
        for (ProcessHandle p : inside) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("process {} in {} did not exit after SIGKILL", p.pid(), ns);
            }
        }
    }

    /**
     * Deletes the namespaces of labs whose JVM is no longer running (see the class comment), after killing
     * what still runs in them. Namespaces of other naming schemes, and labs of live JVMs, are not touched.
     */
    static void removeStale() {
        for (String ns : existingNamespaces()) {
            Matcher m = NAME.matcher(ns);
            if (!m.matches()) {
                continue;
            }
            long pid = Long.parseLong(m.group(1));
            long started = Long.parseLong(m.group(2), 36);
            boolean ownerAlive = ProcessHandle.of(pid)
                    .flatMap(p -> p.info().startInstant())
                    .map(s -> s.getEpochSecond() == started)
                    .orElse(false);
            if (ownerAlive || started > ProcessHandle.current().info().startInstant()
                    .map(java.time.Instant::getEpochSecond).orElse(Long.MAX_VALUE)) {
                continue;
            }
            LOG.warn("removing network namespace {} left by an earlier run (pid {} is gone)", ns, pid);
            killAll(ns);
            run(COMMAND_TIMEOUT, List.of("ip", "netns", "del", ns));
        }
    }

    static List<String> existingNamespaces() {
        Result r = run(COMMAND_TIMEOUT, List.of("ip", "netns", "list"));
        List<String> names = new ArrayList<>();
        for (String line : r.output().split("\n")) {
            String name = line.strip().split("\\s+")[0];
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String ownerPrefix(int counter) {
        ProcessHandle self = ProcessHandle.current();
        long start = self.info().startInstant().map(java.time.Instant::getEpochSecond)
                .orElseThrow(() -> new IllegalStateException("cannot tell when this JVM started"));
        return "rp" + self.pid() + "-" + Long.toString(start, 36) + "-" + counter;
    }

    private void checkMember(int k) {
        if (k < 0 || k >= members) {
            throw new IllegalArgumentException("member " + k + " does not exist (0.." + (members - 1) + ")");
        }
    }

    private void ip(String... args) {
        Result r = ipResult(args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("ip " + String.join(" ", args) + " failed (" + r.exitCode() + "): "
                    + r.output().strip());
        }
    }

    private static Result ipResult(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        return run(COMMAND_TIMEOUT, cmd);
    }

    /** Runs a command, collecting stdout and stderr together; kills it after {@code timeout} (exit status -1). */
    static Result run(Duration timeout, List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), READERS);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, out.getNow("") + "\n(killed after " + timeout.toMillis() + " ms: "
                        + String.join(" ", cmd) + ")");
            }
            return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        } catch (ExecutionException | TimeoutException e) {
            return new Result(p.exitValue(), "(output not read: " + e + ")");
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes());
        } catch (IOException e) {
            return "(cannot read output: " + e + ")";
        }
    }

    /** A command's exit status (-1 when it was killed for running too long) and its stdout and stderr. */
    public record Result(int exitCode, String output) {
        /** Whether it exited with status 0. */
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
