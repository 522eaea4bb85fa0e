package io.raftpool.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh {@link AdminCommandFixture} for every test of the admin subcommands. */
abstract class AdminCommandTestBase {

    @TempDir
    Path dir;

    AdminCommandFixture raftpool;

    @BeforeEach
    void start() throws IOException {
        raftpool = new AdminCommandFixture(dir);
    }

    @AfterEach
    void stop() {
        raftpool.close();
    }
}
