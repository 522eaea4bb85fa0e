package io.raftpool.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamsTest {

    @Test
    void everyNameAndAliasIsDeclaredOnce() {
        Set<String> seen = new HashSet<>();
        for (ParamDef<?> def : Params.all()) {
            assertTrue(seen.add(def.name().toLowerCase(Locale.ROOT)), "declared twice: " + def.name());
            for (String alias : def.aliases()) {
                assertTrue(seen.add(alias.toLowerCase(Locale.ROOT)), "alias clashes: " + alias);
            }
        }
    }

    @Test
    void registryHasAllOfPgpool43AndThe44Additions() {
        // Pgpool-II 4.3 has 168 parameter names; raftpool declares fail_over_on_backend_error as an alias of
        // failover_on_backend_error. 4.4 adds 8 (not counting its 2 renames, which are aliases here), and raftpool
        // adds its own 6.
        assertEquals(167 + 8 + 6, Params.all().size());
    }

    @Test
    void everyDefaultIsAValidValueOfItsType() throws Exception {
        for (ParamDef<?> def : Params.all()) {
            checkDefault(def);
        }
    }

    private static <T> void checkDefault(ParamDef<T> def) throws InvalidValueException {
        if (def.defaultValue() == null) {
            return;
        }
        String text = def.type().format(def.defaultValue());
        assertEquals(def.defaultValue(), def.type().parse(text), def.name());
    }

    @Test
    void secretsAreMarked() {
        for (ParamDef<?> def : Params.all()) {
            boolean looksSecret = def.name().contains("password") || def.name().equals("wd_authkey");
            assertEquals(looksSecret, def.isSecret(), def.name());
        }
    }
}
