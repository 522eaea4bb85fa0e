package io.raftpool.conf;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks that span several parameters, run once every value has parsed. */
final class ConfigChecks {
    private ConfigChecks() {
    }

    static void check(Config config, Map<Config.Key, Setting> settings, List<ConfigProblem> problems) {
        checkClusteringMode(config, problems);
        checkBackends(config, settings, problems);
        checkWatchdog(config, problems);
    }

    private static void checkClusteringMode(Config config, List<ConfigProblem> problems) {
        Choices.ClusteringMode mode = config.get(Params.BACKEND_CLUSTERING_MODE);
        if (mode != Choices.ClusteringMode.STREAMING_REPLICATION) {
            Origin at = config.origin(Params.BACKEND_CLUSTERING_MODE);
            problems.add(ConfigProblem.error(at.file(), at.line(), "parameter \"backend_clustering_mode\"",
                    "raftpool implements streaming_replication only, not " + mode.configName()));
        }
    }

    private static void checkBackends(Config config, Map<Config.Key, Setting> settings,
            List<ConfigProblem> problems) {
        for (int i : config.indicesOf(Config.BACKEND_PARAMS)) {
            Setting flag = settings.get(new Config.Key(Params.BACKEND_FLAG, i));
            if (flag != null) {
                checkFlags(flag, problems);
            }
            if (config.get(Params.BACKEND_HOSTNAME, i).isBlank()) {
                Origin at = firstOrigin(settings, i);
                problems.add(ConfigProblem.error(at.file(), at.line(), "backend " + i,
                        "backend_hostname" + i + " is not set, but other backend_*" + i + " parameters are"));
            }
        }
    }

    private static void checkFlags(Setting flag, List<ConfigProblem> problems) {
        Set<String> known = Set.of("ALLOW_TO_FAILOVER", "DISALLOW_TO_FAILOVER", "ALWAYS_PRIMARY");
        boolean allow = false;
        boolean disallow = false;
        for (String word : ((String) flag.value()).split("\\|")) {
            String w = word.strip().toUpperCase(Locale.ROOT);
            if (!known.contains(w)) {
                problems.add(ConfigProblem.error(flag.origin().file(), flag.origin().line(),
                        "parameter \"" + flag.name() + "\"", "unknown flag \"" + word.strip()
                                + "\"; expected ALLOW_TO_FAILOVER, DISALLOW_TO_FAILOVER or ALWAYS_PRIMARY, joined by '|'"));
            }
            allow |= w.equals("ALLOW_TO_FAILOVER");
            disallow |= w.equals("DISALLOW_TO_FAILOVER");
        }
        if (allow && disallow) {
            problems.add(ConfigProblem.error(flag.origin().file(), flag.origin().line(),
                    "parameter \"" + flag.name() + "\"", "ALLOW_TO_FAILOVER and DISALLOW_TO_FAILOVER exclude each other"));
        }
    }

    private static Origin firstOrigin(Map<Config.Key, Setting> settings, int index) {
        return settings.values().stream()
                .filter(s -> s.index() == index && Config.BACKEND_PARAMS.contains(s.def()))
                .map(Setting::origin).findFirst().orElse(Origin.DEFAULT);
    }

    private static void checkWatchdog(Config config, List<ConfigProblem> problems) {
        if (!config.get(Params.USE_WATCHDOG)) {
            return;
        }
        Origin at = config.origin(Params.USE_WATCHDOG);
        java.nio.file.Path idFile = config.file().getParent().resolve(ConfigLoader.NODE_ID_FILE);
        if (!config.hasNodeIdFile()) {
            if (!java.nio.file.Files.exists(idFile)) {
                problems.add(ConfigProblem.error(at.file(), at.line(), "parameter \"use_watchdog\"",
                        "use_watchdog is on but " + idFile + " does not exist; write this instance's node id "
                                + "(the N of its hostnameN) into it"));
            }
            return;
        }
        boolean declared = config.watchdogNodes().stream().anyMatch(n -> n.id() == config.nodeId());
        if (!declared) {
            problems.add(ConfigProblem.error(idFile, 1, null, "node id " + config.nodeId()
                    + " has no hostname" + config.nodeId() + " in " + config.file()));
        }
    }
}
