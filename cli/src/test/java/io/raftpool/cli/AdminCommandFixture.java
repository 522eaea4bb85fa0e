package io.raftpool.cli;

import io.raftpool.conf.pcp.PcpConfFile;
import io.raftpool.watchdog.admin.AdminServer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A real admin server on a free 127.0.0.1 port over an {@link InMemoryClusterAdmin}, pcp.conf user "admin",
 * and a .pcppass file (mode 0600) holding its password, for running the subcommands end to end.
 */
final class AdminCommandFixture implements AutoCloseable {
    static final String PASSWORD = "pa:ss\\word";

    final InMemoryClusterAdmin admin = new InMemoryClusterAdmin();
    final AdminServer server;
    final Path pcppass;

    /** What the last run printed. */
    String out;
    String err;

    AdminCommandFixture(Path dir) throws IOException {
        server = new AdminServer(admin, PcpConfFile.parse("admin:" + md5(PASSWORD) + "\n", dir.resolve("pcp.conf"))
                .orThrow(), "127.0.0.1", 0).start();
        pcppass = dir.resolve("pcppass");
        writePcpPass("127.0.0.1:*:admin:pa\\:ss\\\\word\n");
    }

    void writePcpPass(String text) throws IOException {
        Files.writeString(pcppass, text);
        Files.setPosixFilePermissions(pcppass, PosixFilePermissions.fromString("rw-------"));
    }

    int port() {
        return server.port();
    }

    /** Runs {@code raftpool subcommand args... -h 127.0.0.1 -p PORT -U admin -w --pcppass-file FILE}. */
    int run(String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of(subcommand));
        all.addAll(List.of(args));
        all.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port()), "-U", "admin", "-w",
                "--pcppass-file", pcppass.toString()));
        return runExactly(all.toArray(String[]::new));
    }

    /** Runs {@code raftpool args...} as given. */
    int runExactly(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int status = CommandLineRun.run(o, e, args);
        out = o.toString();
        err = e.toString();
        return status;
    }

    static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
