package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return CommandLineRun.run(out, err, args);
    }

    @Test
    void aNonEmptyDirectoryIsRefusedBeforeAnythingIsDone() throws IOException {
        Files.writeString(dir.resolve("data.txt"), "mine");
        assertEquals(1, run("setup", "-d", dir.toString()));
        assertTrue(err.toString().startsWith("raftpool setup: " + dir + " is not empty"), err.toString());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing was written");
        }
    }

    @Test
    void impossibleCountsAndPortsAreRefused() {
        assertEquals(1, run("setup", "-d", dir.resolve("a").toString(), "-n", "0"));
        assertTrue(err.toString().contains("the number of PostgreSQL nodes must be 1 to 16, not 0"), err.toString());
        assertEquals(1, run("setup", "-d", dir.resolve("b").toString(), "-p", "65530"));
        assertTrue(err.toString().contains("the ports 65530..65544 do not fit in 1024..65535"), err.toString());
    }
}
