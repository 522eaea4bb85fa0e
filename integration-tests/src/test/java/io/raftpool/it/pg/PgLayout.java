package io.raftpool.it.pg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a cluster's files live and which ports its nodes use. Under one fresh temporary directory:
 * {@code node<N>/} (data directories), {@code log/node<N>.log} and {@code sock/} (every node's Unix
 * socket). When servers run as the {@code postgres} OS user, that user owns the directory.
 */
final class PgLayout {

    static final String HOST = "127.0.0.1";

    private final Path root;
    private final int[] ports;

    private PgLayout(Path root, int[] ports) {
        this.root = root;
        this.ports = ports;
    }

    /** Creates the directory tree and picks {@code nodes} distinct free ports on 127.0.0.1. */
    static PgLayout create(PgInstallation pg, int nodes) {
        Path root;
        try {
            root = Files.createTempDirectory("raftpool-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for the cluster", e);
        }
        try {
            pg.checkReachable(root);
            pg.giveToServerUser(root);
            PgLayout layout = new PgLayout(root, freePorts(nodes));
            for (Path dir : List.of(layout.socketDir(), root.resolve("log"))) {
                Files.createDirectory(dir);
                pg.giveToServerUser(dir);
            }
            return layout;
        } catch (IOException | RuntimeException e) {
            PgCleanup.deleteTree(root);
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new UncheckedIOException("cannot lay out the cluster directory " + root, (IOException) e);
        }
    }

    static String nodeName(int node) {
        return "node" + node;
    }

    Path root() {
        return root;
    }

    int nodeCount() {
        return ports.length;
    }

    int port(int node) {
        return ports[checkNode(node)];
    }

    Path dataDir(int node) {
        return root.resolve(nodeName(checkNode(node)));
    }

    Path logFile(int node) {
        return root.resolve("log").resolve(nodeName(checkNode(node)) + ".log");
    }

    Path socketDir() {
        return root.resolve("sock");
    }

    @Override
    public String toString() {
        return root + " (ports " + Arrays.toString(ports) + ")";
    }

    private int checkNode(int node) {
        if (node < 0 || node >= ports.length) {
            throw new IllegalArgumentException("no node " + node + "; nodes are 0.." + (ports.length - 1));
        }
        return node;
    }

    /** Ports the OS hands out for 127.0.0.1, all held open at once so they are distinct. */
    private static int[] freePorts(int count) throws IOException {
        int[] ports = new int[count];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
        return ports;
    }
}
