package io.raftpool.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pgpool-II 4.3's own configuration files (Debian's pgpool2 package; .ci/run installs it) load without
 * errors, as they are and with every commented-out example line switched on.
 */
class PgpoolSampleConfigTest {

    private static final Pattern COMMENTED_SETTING = Pattern.compile("^#([A-Za-z_]+[0-9]*\\s*=)");

    static Stream<Path> samples() {
        return Stream.of("/usr/share/doc/pgpool2/examples/pgpool.conf.sample", "/etc/pgpool2/pgpool.conf")
                .map(Path::of);
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("samples")
    void loadsAsShipped(Path sample) {
        assumeTrue(Files.isReadable(sample), "Pgpool-II is not installed: " + sample);
        LoadResult r = ConfigLoader.load(sample);
        assertEquals(List.of(), r.errors());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void loadsWithEveryExampleLineUncommented(Path sample) throws IOException {
        assumeTrue(Files.isReadable(sample), "Pgpool-II is not installed: " + sample);
        List<String> lines = Files.readAllLines(sample).stream()
                .map(l -> COMMENTED_SETTING.matcher(l).replaceFirst("$1")).toList();
        long settings = lines.stream().filter(l -> l.matches("^[A-Za-z_]+[0-9]*\\s*=.*")).count();
        assertTrue(settings > 150, "expected the sample to show most parameters, found " + settings);
        Path copy = dir.resolve("pgpool.conf");
        Files.write(copy, lines);
        LoadResult r = ConfigLoader.load(copy);
        assertEquals(List.of(), r.errors());
        assertTrue(r.config().backends().size() >= 2);
        assertTrue(r.config().watchdogNodes().size() >= 3);
    }
}
