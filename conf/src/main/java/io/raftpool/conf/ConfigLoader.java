package io.raftpool.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Loads pgpool.conf (and what it includes) and the {@code pgpool_node_id} file beside it into a
 * {@link Config}, collecting every error and warning rather than stopping at the first.
 */
public final class ConfigLoader {

    /** The file beside pgpool.conf that names this instance's watchdog node id (Pgpool-II 4.2+). */
    public static final String NODE_ID_FILE = "pgpool_node_id";

    private static final ParamLookup LOOKUP = new ParamLookup(Params.all());

    private ConfigLoader() {
    }

    /** Loads {@code pgpoolConf}; never throws for bad content, which is reported in the result. */
    public static LoadResult load(Path pgpoolConf) {
        Path file = pgpoolConf.toAbsolutePath().normalize();
        ConfigFileReader reader = new ConfigFileReader();
        reader.read(file);
        List<ConfigProblem> problems = new ArrayList<>(reader.problems());
        Map<Config.Key, Setting> settings = new LinkedHashMap<>();
        for (ConfigFileReader.Entry entry : reader.entries()) {
            Setting s = toSetting(entry, problems);
            if (s != null) {
                Config.Key key = new Config.Key(s.def(), s.index());
                settings.remove(key);
                settings.put(key, s);
            }
        }
        warnAboutSupport(settings, problems);
        int nodeId = readNodeId(file.getParent().resolve(NODE_ID_FILE), problems);
        Config config = new Config(file, settings, nodeId);
        ConfigChecks.check(config, settings, problems);
        problems.sort(ConfigLoader::byPlace);
        boolean hasErrors = problems.stream().anyMatch(ConfigProblem::isError);
        return new LoadResult(hasErrors ? null : config, problems);
    }

    private static Setting toSetting(ConfigFileReader.Entry entry, List<ConfigProblem> problems) {
        Origin at = entry.origin();
        String subject = "parameter \"" + entry.name() + "\"";
        ParamLookup.Resolved resolved;
        try {
            resolved = LOOKUP.resolve(entry.name());
        } catch (InvalidValueException e) {
            problems.add(ConfigProblem.error(at.file(), at.line(), subject, e.getMessage()));
            return null;
        }
        try {
            Object value = resolved.def().type().parse(entry.value());
            return new Setting(resolved.def(), resolved.index(), value, at);
        } catch (InvalidValueException e) {
            problems.add(ConfigProblem.error(at.file(), at.line(), subject, e.getMessage()));
            return null;
        }
    }

    /** An unsupported parameter set away from its default is named; planned ones are listed together. */
    private static void warnAboutSupport(Map<Config.Key, Setting> settings, List<ConfigProblem> problems) {
        TreeSet<String> planned = new TreeSet<>();
        for (Setting s : settings.values()) {
            ParamDef<?> def = s.def();
            if (def.support() == Support.SUPPORTED || Objects.equals(s.value(), def.defaultValue())) {
                continue;
            }
            if (def.support() == Support.UNSUPPORTED) {
                String why = def.note() == null ? "" : " (" + def.note() + ")";
                problems.add(ConfigProblem.warning(s.origin().file(), s.origin().line(),
                        "parameter \"" + s.name() + "\"", "is not supported by raftpool and has no effect" + why));
            } else {
                planned.add(def.name());
            }
        }
        if (!planned.isEmpty()) {
            problems.add(ConfigProblem.warning(null, 0, null, "accepted, but not acted on by this raftpool build yet: "
                    + String.join(", ", planned)));
        }
    }

    private static int readNodeId(Path file, List<ConfigProblem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            problems.add(ConfigProblem.error(file, 0, null, "cannot read the node id file: " + e));
            return -1;
        }
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .findFirst().orElse("");
        try {
            int id = Integer.parseInt(first);
            if (id >= 0 && id < Params.MAX_WATCHDOG_NODES) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(ConfigProblem.error(file, 1, null, "invalid node id \"" + first
                + "\"; expected an integer from 0 to " + (Params.MAX_WATCHDOG_NODES - 1)));
        return -1;
    }

    private static int byPlace(ConfigProblem a, ConfigProblem b) {
        String fa = a.file() == null ? "\uffff" : a.file().toString();
        String fb = b.file() == null ? "\uffff" : b.file().toString();
        int c = fa.compareTo(fb);
        return c != 0 ? c : Integer.compare(a.line(), b.line());
    }
}
