package io.raftpool.conf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The effective configuration: an immutable, typed view of pgpool.conf with every value's origin.
 * Read values with the declarations in {@link Params}: {@code config.get(Params.PORT)}.
 */
public final class Config {

    /** A parameter and node index (-1: written without one). */
    record Key(ParamDef<?> def, int index) {
    }

    private final Path file;
    private final Map<Key, Setting> settings;
    private final int nodeId;

    Config(Path file, Map<Key, Setting> settings, int nodeId) {
        this.file = file;
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        this.nodeId = nodeId;
    }

    /** The configuration with every parameter at its default, as if pgpool.conf were empty. */
    public static Config defaults() {
        return new Config(null, Map.of(), -1);
    }

    /** The pgpool.conf it was read from, or {@code null} for {@link #defaults()}. */
    public Path file() {
        return file;
    }

    /** This instance's watchdog node id, from the pgpool_node_id file (0 when there is none). */
    public int nodeId() {
        return Math.max(nodeId, 0);
    }

    /** True when a valid pgpool_node_id file was found beside pgpool.conf. */
    public boolean hasNodeIdFile() {
        return nodeId >= 0;
    }

    /** The value of a parameter written without an index (the default if the file does not set it). */
    public <T> T get(ParamDef<T> def) {
        return value(def, setting(def, -1));
    }

    /**
     * The value for node {@code index}: for an indexed parameter the {@code nameN} value; for a per-node
     * parameter the {@code nameN} value where set, else the plain one.
     */
    public <T> T get(ParamDef<T> def, int index) {
        Setting s = setting(def, index);
        if (s == null && def.indexing() == ParamDef.Indexing.PER_NODE) {
            s = setting(def, -1);
        }
        return value(def, s);
    }

    /** Where the value of {@code def} (written without an index) came from. */
    public Origin origin(ParamDef<?> def) {
        Setting s = setting(def, -1);
        return s == null ? Origin.DEFAULT : s.origin();
    }

    private Setting setting(ParamDef<?> def, int index) {
        return settings.get(new Key(def, index));
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(ParamDef<T> def, Setting s) {
        return s == null ? def.defaultValue() : (T) s.value();
    }

    /** The node indices for which the file sets any of {@code defs}. */
    Set<Integer> indicesOf(List<ParamDef<?>> defs) {
        Set<Integer> indices = new TreeSet<>();
        for (Key k : settings.keySet()) {
            if (k.index() >= 0 && defs.contains(k.def())) {
                indices.add(k.index());
            }
        }
        return indices;
    }

    static final List<ParamDef<?>> BACKEND_PARAMS = List.of(Params.BACKEND_HOSTNAME, Params.BACKEND_PORT,
            Params.BACKEND_WEIGHT, Params.BACKEND_DATA_DIRECTORY, Params.BACKEND_APPLICATION_NAME,
            Params.BACKEND_FLAG);
    static final List<ParamDef<?>> WATCHDOG_PARAMS = List.of(Params.HOSTNAME, Params.WD_PORT, Params.PGPOOL_PORT);
    static final List<ParamDef<?>> HEARTBEAT_PARAMS = List.of(Params.HEARTBEAT_HOSTNAME, Params.HEARTBEAT_PORT,
            Params.HEARTBEAT_DEVICE);

    /** The backends, by node id. */
    public List<BackendConfig> backends() {
        List<BackendConfig> result = new ArrayList<>();
        for (int i : indicesOf(BACKEND_PARAMS)) {
            result.add(new BackendConfig(i, get(Params.BACKEND_HOSTNAME, i), get(Params.BACKEND_PORT, i),
                    get(Params.BACKEND_WEIGHT, i), get(Params.BACKEND_DATA_DIRECTORY, i),
                    get(Params.BACKEND_APPLICATION_NAME, i), backendFlags(get(Params.BACKEND_FLAG, i))));
        }
        return List.copyOf(result);
    }

    /** The health-check settings in effect for backend {@code index}. */
    public HealthCheckConfig healthCheck(int index) {
        return new HealthCheckConfig(get(Params.HEALTH_CHECK_PERIOD, index), get(Params.HEALTH_CHECK_TIMEOUT, index),
                get(Params.HEALTH_CHECK_USER, index), get(Params.HEALTH_CHECK_PASSWORD, index),
                get(Params.HEALTH_CHECK_DATABASE, index), get(Params.HEALTH_CHECK_MAX_RETRIES, index),
                get(Params.HEALTH_CHECK_RETRY_DELAY, index), get(Params.CONNECT_TIMEOUT, index));
    }

    /** The raftpool instances of the watchdog cluster, by node id. */
    public List<WatchdogNodeConfig> watchdogNodes() {
        List<WatchdogNodeConfig> result = new ArrayList<>();
        for (int i : indicesOf(WATCHDOG_PARAMS)) {
            result.add(new WatchdogNodeConfig(i, get(Params.HOSTNAME, i), get(Params.WD_PORT, i),
                    get(Params.PGPOOL_PORT, i)));
        }
        return List.copyOf(result);
    }

    /** The heartbeat destinations, by watchdog node id. */
    public List<HeartbeatConfig> heartbeats() {
        List<HeartbeatConfig> result = new ArrayList<>();
        for (int i : indicesOf(HEARTBEAT_PARAMS)) {
            result.add(new HeartbeatConfig(i, get(Params.HEARTBEAT_HOSTNAME, i), get(Params.HEARTBEAT_PORT, i),
                    get(Params.HEARTBEAT_DEVICE, i)));
        }
        return List.copyOf(result);
    }

    /**
     * Every value in effect, in declaration order: each plain parameter (set or default), then each indexed
     * value the file sets.
     */
    public List<Setting> effective() {
        List<Setting> result = new ArrayList<>();
        for (ParamDef<?> def : Params.all()) {
            if (def.indexing() != ParamDef.Indexing.INDEXED) {
                Setting s = setting(def, -1);
                result.add(s != null ? s : new Setting(def, -1, def.defaultValue(), Origin.DEFAULT));
            }
            for (Map.Entry<Key, Setting> e : settings.entrySet()) {
                if (e.getKey().def() == def && e.getKey().index() >= 0) {
                    result.add(e.getValue());
                }
            }
        }
        return result;
    }

    /** What a reload from this configuration to {@code newer} would change, and what needs a restart. */
    public ReloadPlan reloadTo(Config newer) {
        Map<String, Setting> before = byName(effective());
        Map<String, Setting> after = byName(newer.effective());
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<ReloadPlan.Change> changes = new ArrayList<>();
        for (String name : names) {
            Setting a = before.get(name);
            Setting b = after.get(name);
            Object va = a == null ? defaultOf(b) : a.value();
            Object vb = b == null ? defaultOf(a) : b.value();
            if (!Objects.equals(va, vb)) {
                Setting any = a != null ? a : b;
                changes.add(new ReloadPlan.Change(name, any.def(), display(any.def(), va), display(any.def(), vb)));
            }
        }
        if (nodeId != newer.nodeId) {
            changes.add(new ReloadPlan.Change("pgpool_node_id", null, String.valueOf(nodeId),
                    String.valueOf(newer.nodeId)));
        }
        return new ReloadPlan(changes);
    }

    /**
     * This configuration as a reload from {@code running} puts it in effect: what may change at run time comes
     * from this one; what needs a restart (ports, num_init_children, load_balance_mode, pgpool_node_id...) keeps
     * the running value, set or default, until the restart.
     */
    public Config asReloadOf(Config running) {
        Map<Key, Setting> merged = new LinkedHashMap<>();
        settings.forEach((key, s) -> {
            if (key.def().context().appliesOnReload()) {
                merged.put(key, s);
            }
        });
        running.settings.forEach((key, s) -> {
            if (!key.def().context().appliesOnReload()) {
                merged.put(key, s);
            }
        });
        return new Config(file, merged, running.nodeId);
    }

    private static Object defaultOf(Setting s) {
        return s.def().defaultValue();
    }

    @SuppressWarnings("unchecked")
    private static String display(ParamDef<?> def, Object value) {
        return ((ParamDef<Object>) def).display(value);
    }

    private static Map<String, Setting> byName(List<Setting> list) {
        Map<String, Setting> map = new LinkedHashMap<>();
        list.forEach(s -> map.put(s.name(), s));
        return map;
    }

    /** Parses a {@code backend_flagN} value; the loader has validated it. */
    static Set<BackendFlag> backendFlags(String text) {
        Set<BackendFlag> flags = EnumSet.noneOf(BackendFlag.class);
        for (String word : text.split("\\|")) {
            if (!word.isBlank()) {
                flags.add(BackendFlag.valueOf(word.strip().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return flags;
    }
}
