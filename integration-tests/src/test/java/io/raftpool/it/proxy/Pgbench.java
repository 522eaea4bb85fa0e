package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.it.pg.PgInstallation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the installation's pgbench as user postgres on database postgres and reads its report. */
final class Pgbench {

    private Pgbench() {
    }

    /** Runs pgbench against host (a name or a Unix socket directory) and port; fails unless it exits 0. */
    static String run(String host, int port, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PgInstallation.locate().binDir().resolve("pgbench").toString(),
                "-h", host, "-p", String.valueOf(port), "-U", "postgres"));
        cmd.addAll(List.of(args));
        cmd.add("postgres");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pgbench did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    /** "number of transactions actually processed" from a report; -1 when the report has none. */
    static int processed(String out) {
        Matcher m = Pattern.compile("number of transactions actually processed: (\\d+)").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
