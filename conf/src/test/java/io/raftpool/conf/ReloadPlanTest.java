package io.raftpool.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
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
    void aReloadedConfigurationKeepsTheRunningValuesOfWhatNeedsARestart() {
        Config running = ConfFiles.load(dir, "port = 9999", "num_init_children = 10", "health_check_period = 10",
                "backend_hostname0 = 'a'").orThrow();
        Config edited = ConfFiles.load(dir, "port = 9998", "load_balance_mode = off", "health_check_period = 5",
                "backend_hostname0 = 'b'").orThrow();
        Config inEffect = edited.asReloadOf(running);
        assertEquals(9999, inEffect.get(Params.PORT), "set before, changed: the running value");
        assertEquals(10, inEffect.get(Params.NUM_INIT_CHILDREN), "set before, removed: the running value");
        assertEquals(true, inEffect.get(Params.LOAD_BALANCE_MODE), "default before, set now: still the default");
        assertEquals(Duration.ofSeconds(5), inEffect.get(Params.HEALTH_CHECK_PERIOD), "reloadable: the new value");
        assertEquals("b", inEffect.backends().get(0).hostname(), "reloadable and indexed: the new value");
        assertEquals(List.of("load_balance_mode: \"on\" -> \"off\"", "num_init_children: \"10\" -> \"32\"",
                "port: \"9999\" -> \"9998\""), inEffect.reloadTo(edited).needRestart().stream()
                .map(Object::toString).toList(), "still waiting for the restart");
    }

    @Test
    void identicalConfigurationsChangeNothing() {
        Config a = ConfFiles.load(dir, "port = 9001").orThrow();
        Config b = ConfFiles.load(dir, "port = 9001").orThrow();
        assertTrue(a.reloadTo(b).changes().isEmpty());
    }
}
