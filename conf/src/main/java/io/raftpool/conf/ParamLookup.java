package io.raftpool.conf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves a name written in pgpool.conf to its declaration: case-insensitively, through aliases, and
 * with a trailing node index for indexed parameters ({@code backend_hostname0}).
 */
final class ParamLookup {

    /** A resolved name: the parameter and its node index, or -1 when written without one. */
    record Resolved(ParamDef<?> def, int index) {
    }

    private static final Pattern INDEXED_NAME = Pattern.compile("(.*?[a-z_])(\\d+)");

    private final Map<String, ParamDef<?>> byName = new HashMap<>();
    private final List<String> spellings = new ArrayList<>();

    ParamLookup(List<ParamDef<?>> defs) {
        for (ParamDef<?> def : defs) {
            add(def.name(), def);
            def.aliases().forEach(alias -> add(alias, def));
        }
    }

    private void add(String name, ParamDef<?> def) {
        byName.put(name.toLowerCase(Locale.ROOT), def);
        spellings.add(def.indexing() == ParamDef.Indexing.INDEXED ? name + "0" : name);
    }

    /**
     * Resolves {@code name}.
     *
     * @throws InvalidValueException with a message naming what is wrong (unknown name with the closest known
     *     one, a missing or out-of-range index)
     */
    Resolved resolve(String name) throws InvalidValueException {
        String lower = name.toLowerCase(Locale.ROOT);
        ParamDef<?> def = byName.get(lower);
        if (def != null) {
            if (def.indexing() == ParamDef.Indexing.INDEXED) {
                throw new InvalidValueException("needs a node index, as in \"" + def.name() + "0\"");
            }
            return new Resolved(def, -1);
        }
        Matcher m = INDEXED_NAME.matcher(lower);
        if (m.matches()) {
            ParamDef<?> base = byName.get(m.group(1));
            if (base != null && base.indexing() != ParamDef.Indexing.SINGLE) {
                int index;
                try {
                    index = Integer.parseInt(m.group(2));
                } catch (NumberFormatException e) {
                    index = Integer.MAX_VALUE;
                }
                if (index >= base.maxIndex()) {
                    throw new InvalidValueException("node index " + m.group(2) + " is out of range; "
                            + base.name() + " takes indices 0 to " + (base.maxIndex() - 1));
                }
                return new Resolved(base, index);
            }
        }
        String hint = suggestion(lower, m.matches() ? m.group(2) : null);
        throw new InvalidValueException("unrecognized configuration parameter" + hint);
    }

    private String suggestion(String lower, String index) {
        String closest = Spelling.closest(lower, spellings);
        if (closest == null && index != null) {
            String base = lower.substring(0, lower.length() - index.length());
            for (String s : spellings) {
                if (s.endsWith("0") && Spelling.distance(base, s.substring(0, s.length() - 1)) <= 2) {
                    closest = s.substring(0, s.length() - 1) + index;
                    break;
                }
            }
        }
        return closest == null ? "" : " (did you mean \"" + closest + "\"?)";
    }
}
