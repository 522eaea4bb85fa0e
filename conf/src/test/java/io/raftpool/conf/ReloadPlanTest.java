package io.raftpool.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadPlanTest {

    @TempDir
    Path dir;

    @Test
    void splitsChangesIntoReloadableAndRestartNeeded() {
        Config before = ConfFiles.load(dir, "port = 9999", "health_check_period = 10", "backend_hostname0 = 'a'",
                "sr_check_password = 'old'").orThrow();
        Config after = ConfFiles.load(dir, "port = 9998", "health_check_period = 5", "backend_hostname0 = 'a'",
                "backend_hostname1 = 'b'", "sr_check_password = 'new'", "log_statement = on").orThrow();
        ReloadPlan plan = before.reloadTo(after);
        assertEquals(List.of("backend_hostname1: \"\" -> \"b\"", "health_check_period: \"10s\" -> \"5s\"",
                "log_statement: \"off\" -> \"on\"", "sr_check_password: \"********\" -> \"********\""),
                plan.appliedNow().stream().map(Object::toString).toList());
        assertEquals(List.of("port: \"9999\" -> \"9998\""), plan.needRestart().stream().map(Object::toString).toList());
    }

    @Test
    void identicalConfigurationsChangeNothing() {
        Config a = ConfFiles.load(dir, "port = 9001").orThrow();
        Config b = ConfFiles.load(dir, "port = 9001").orThrow();
        assertTrue(a.reloadTo(b).changes().isEmpty());
    }
}
