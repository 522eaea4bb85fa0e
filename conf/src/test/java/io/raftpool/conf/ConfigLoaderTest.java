package io.raftpool.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.raftpool.conf.Choices.LoadBalanceOnWrite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void emptyFileGivesPgpoolDefaults() {
        LoadResult r = ConfFiles.load(dir, "");
        assertTrue(r.ok());
        Config c = r.config();
        assertEquals(9999, c.get(Params.PORT));
        assertEquals(9898, c.get(Params.PCP_PORT));
        assertEquals(32, c.get(Params.NUM_INIT_CHILDREN));
        assertEquals(4, c.get(Params.MAX_POOL));
        assertEquals("localhost", c.get(Params.LISTEN_ADDRESSES));
        assertEquals(Duration.ofSeconds(300), c.get(Params.CHILD_LIFE_TIME));
        assertEquals(List.of("ABORT", "DISCARD ALL"), c.get(Params.RESET_QUERY_LIST));
        assertEquals(LoadBalanceOnWrite.TRANSACTION, c.get(Params.DISABLE_LOAD_BALANCE_ON_WRITE));
        assertEquals(true, c.get(Params.LOAD_BALANCE_MODE));
        assertEquals(Duration.ofSeconds(30), c.get(Params.WD_HEARTBEAT_DEADTIME));
        assertEquals(Origin.DEFAULT, c.origin(Params.PORT));
        assertEquals(List.of(), c.backends());
    }

    @Test
    void typedValuesWithUnits() {
        LoadResult r = ConfFiles.load(dir,
                "health_check_period = 1min",
                "connect_timeout = 2s",
                "delay_threshold = 10MB",
                "client_idle_limit = 0x10",
                "authentication_timeout = 010",
                "load_balance_mode = OFF",
                "log_connections = y",
                "disable_load_balance_on_write = 'ALWAYS'",
                "write_function_list = 'nextval, setval,,'");
        assertTrue(r.ok(), () -> ConfFiles.problems(r, dir));
        Config c = r.config();
        assertEquals(Duration.ofSeconds(60), c.get(Params.HEALTH_CHECK_PERIOD));
        assertEquals(Duration.ofMillis(2000), c.get(Params.CONNECT_TIMEOUT));
        assertEquals(10L * 1024 * 1024, c.get(Params.DELAY_THRESHOLD));
        assertEquals(Duration.ofSeconds(16), c.get(Params.CLIENT_IDLE_LIMIT));
        assertEquals(Duration.ofSeconds(8), c.get(Params.AUTHENTICATION_TIMEOUT), "strtol reads 010 as octal");
        assertEquals(false, c.get(Params.LOAD_BALANCE_MODE));
        assertEquals(true, c.get(Params.LOG_CONNECTIONS));
        assertEquals(LoadBalanceOnWrite.ALWAYS, c.get(Params.DISABLE_LOAD_BALANCE_ON_WRITE));
        assertEquals(List.of("nextval", "setval"), c.get(Params.WRITE_FUNCTION_LIST));
    }

    @Test
    void namesAreCaseInsensitiveAndAcceptPgpool44Renames() {
        LoadResult r = ConfFiles.load(dir,
                "Port = 9001",
                "delegate_ip = '10.1.1.1'",
                "unix_socket_directories = '/run/raftpool'",
                "fail_over_on_backend_error = off");
        assertTrue(r.ok(), () -> ConfFiles.problems(r, dir));
        assertEquals(9001, r.config().get(Params.PORT));
        assertEquals("10.1.1.1", r.config().get(Params.DELEGATE_IP));
        assertEquals("/run/raftpool", r.config().get(Params.SOCKET_DIR));
        assertEquals(false, r.config().get(Params.FAILOVER_ON_BACKEND_ERROR));
    }

    @Test
    void indexedAndPerNodeParameters() {
        LoadResult r = ConfFiles.load(dir,
                "backend_hostname0 = 'db0'",
                "backend_port0 = 5433",
                "backend_weight0 = 1",
                "backend_hostname2 = '/var/run/postgresql'",
                "backend_weight2 = 0.5",
                "backend_flag2 = 'DISALLOW_TO_FAILOVER|ALWAYS_PRIMARY'",
                "backend_data_directory2 = '/data2'",
                "health_check_period = 10",
                "health_check_period2 = 3",
                "health_check_user = 'hc'",
                "health_check_password = 'secret'");
        assertTrue(r.ok(), () -> ConfFiles.problems(r, dir));
        Config c = r.config();
        assertEquals(List.of(
                new BackendConfig(0, "db0", 5433, 1.0, "", "", Set.of(BackendFlag.ALLOW_TO_FAILOVER)),
                new BackendConfig(2, "/var/run/postgresql", 5432, 0.5, "/data2", "",
                        Set.of(BackendFlag.DISALLOW_TO_FAILOVER, BackendFlag.ALWAYS_PRIMARY))), c.backends());
        assertEquals(Duration.ofSeconds(10), c.healthCheck(0).period());
        assertEquals(Duration.ofSeconds(3), c.healthCheck(2).period());
        assertEquals("hc", c.healthCheck(2).user());
        assertFalse(c.healthCheck(2).toString().contains("secret"));
        assertFalse(c.backends().get(1).allowsFailover());
        assertTrue(c.backends().get(1).isAlwaysPrimary());
    }

    @Test
    void everyValueErrorNamesFileLineParameterAndWhatIsAllowed() {
        LoadResult r = ConfFiles.load(dir,
                "port = 80",
                "num_init_children = many",
                "load_balance_mode = perhaps",
                "disable_load_balance_on_write = sometimes",
                "health_check_period = 5 fortnights",
                "health_check_timeout = 5fortnights",
                "lisen_addresses = '*'",
                "backend_hostnme0 = 'db'",
                "backend_hostname = 'db'",
                "backend_port128 = 5432",
                "completely_unknown = 1");
        assertFalse(r.ok());
        assertEquals("""
                pgpool.conf:1: ERROR: parameter "port": 80 is out of range; expected an integer from 1024 to 65535
                pgpool.conf:2: ERROR: parameter "num_init_children": invalid integer "many"; expected an integer of at least 1
                pgpool.conf:3: ERROR: parameter "load_balance_mode": invalid boolean "perhaps"; expected on, off, true, false, yes, no, 1 or 0
                pgpool.conf:4: ERROR: parameter "disable_load_balance_on_write": invalid value "sometimes"; expected one of off, transaction, trans_transaction, always, dml_adaptive
                pgpool.conf:5: ERROR: syntax error: unexpected 'fortnights' after the value of "health_check_period"; quote values that contain spaces or symbols
                pgpool.conf:6: ERROR: parameter "health_check_timeout": invalid unit "fortnights" in "5fortnights"; valid units are us, ms, s, min, h and d
                pgpool.conf:7: ERROR: parameter "lisen_addresses": unrecognized configuration parameter (did you mean "listen_addresses"?)
                pgpool.conf:8: ERROR: parameter "backend_hostnme0": unrecognized configuration parameter (did you mean "backend_hostname0"?)
                pgpool.conf:9: ERROR: parameter "backend_hostname": needs a node index, as in "backend_hostname0"
                pgpool.conf:10: ERROR: parameter "backend_port128": node index 128 is out of range; backend_port takes indices 0 to 127
                pgpool.conf:11: ERROR: parameter "completely_unknown": unrecognized configuration parameter
                """, ConfFiles.problems(r, dir));
    }

    @Test
    void crossParameterErrors() {
        LoadResult r = ConfFiles.load(dir,
                "backend_clustering_mode = 'native_replication'",
                "backend_port1 = 5432",
                "backend_hostname3 = 'db3'",
                "backend_flag3 = 'ALLOW_TO_FAILOVER|DISALLOW_TO_FAILOVER|SOMETIMES'");
        assertFalse(r.ok());
        assertEquals("""
                pgpool.conf:1: ERROR: parameter "backend_clustering_mode": raftpool implements streaming_replication only, not native_replication
                pgpool.conf:2: ERROR: backend 1: backend_hostname1 is not set, but other backend_*1 parameters are
                pgpool.conf:4: ERROR: parameter "backend_flag3": unknown flag "SOMETIMES"; expected ALLOW_TO_FAILOVER, DISALLOW_TO_FAILOVER or ALWAYS_PRIMARY, joined by '|'
                pgpool.conf:4: ERROR: parameter "backend_flag3": ALLOW_TO_FAILOVER and DISALLOW_TO_FAILOVER exclude each other
                """, ConfFiles.errors(r, dir));
    }

    @Test
    void unsupportedParametersWarnByNameAndPlannedOnesAreListedOnce() {
        LoadResult r = ConfFiles.load(dir,
                "memory_cache_enabled = on",
                "insert_lock = on",
                "wd_life_point = 5",
                "wd_lifecheck_query = 'SELECT 2'");
        assertTrue(r.ok());
        String text = ConfFiles.problems(r, dir);
        assertTrue(text.contains("pgpool.conf:1: WARNING: parameter \"memory_cache_enabled\": is not supported by "
                + "raftpool and has no effect (raftpool has no query cache)"), text);
        assertFalse(text.contains("insert_lock"), "set to its default, so harmless: " + text);
        assertTrue(text.contains("WARNING: accepted, but not acted on by this raftpool build yet: wd_life_point, wd_lifecheck_query"),
                text);
    }

    @Test
    void nodeIdFileBesidePgpoolConf() {
        ConfFiles.write(dir, ConfigLoader.NODE_ID_FILE, "2");
        LoadResult r = ConfFiles.load(dir, "use_watchdog = on",
                "hostname0 = 'a'", "hostname1 = 'b'", "hostname2 = 'c'", "wd_port2 = 9002");
        assertTrue(r.ok(), () -> ConfFiles.problems(r, dir));
        assertEquals(2, r.config().nodeId());
        assertEquals(new WatchdogNodeConfig(2, "c", 9002, 9999), r.config().watchdogNodes().get(2));
    }

    @Test
    void watchdogWithoutAValidNodeIdIsAnError() {
        LoadResult missing = ConfFiles.load(dir, "use_watchdog = on", "hostname0 = 'a'");
        assertEquals("pgpool.conf:1: ERROR: parameter \"use_watchdog\": use_watchdog is on but "
                + "pgpool_node_id does not exist; write this instance's node id (the N of its hostnameN) into it\n",
                ConfFiles.errors(missing, dir));

        ConfFiles.write(dir, ConfigLoader.NODE_ID_FILE, "one");
        LoadResult garbage = ConfFiles.load(dir, "use_watchdog = on", "hostname0 = 'a'");
        assertTrue(ConfFiles.problems(garbage, dir).contains(
                "pgpool_node_id:1: ERROR: invalid node id \"one\"; expected an integer from 0 to 127"));

        ConfFiles.write(dir, ConfigLoader.NODE_ID_FILE, "5");
        LoadResult undeclared = ConfFiles.load(dir, "use_watchdog = on", "hostname0 = 'a'");
        assertTrue(ConfFiles.problems(undeclared, dir).contains("pgpool_node_id:1: ERROR: node id 5 has no hostname5"));
    }

    @Test
    void secretsAreMaskedInTheEffectiveListing() {
        LoadResult r = ConfFiles.load(dir, "sr_check_password = 'hunter2'", "health_check_password1 = 'pw1'",
                "backend_hostname1 = 'x'", "wd_authkey = 'k'");
        assertTrue(r.ok());
        for (Setting s : r.config().effective()) {
            assertFalse(s.display().contains("hunter2") || s.display().equals("pw1") || s.display().equals("k"),
                    s.name());
        }
        assertTrue(r.config().effective().stream()
                .anyMatch(s -> s.name().equals("sr_check_password") && s.display().equals("********")));
    }

    @Test
    void effectiveListingHasEveryPlainParameterAndTheIndexedOnesSet() {
        LoadResult r = ConfFiles.load(dir, "backend_hostname0 = 'db0'", "backend_hostname1 = 'db1'");
        List<String> names = r.config().effective().stream().map(Setting::name).toList();
        assertTrue(names.containsAll(List.of("port", "health_check_period", "backend_hostname0", "backend_hostname1")));
        assertFalse(names.contains("backend_hostname"));
        assertEquals(names.size(), Set.copyOf(names).size());
    }
}
