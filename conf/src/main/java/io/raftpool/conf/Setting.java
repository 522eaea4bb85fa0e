package io.raftpool.conf;

/**
 * One parameter value in effect, with where it came from.
 *
 * @param def    the parameter
 * @param index  the node index, or -1 for a value written without one
 * @param value  the parsed value
 * @param origin the default, or the file and line that set it
 */
public record Setting(ParamDef<?> def, int index, Object value, Origin origin) {

    /** The name as written in pgpool.conf: {@code port}, {@code backend_hostname1}. */
    public String name() {
        return index < 0 ? def.name() : def.name() + index;
    }

    /** The value as check-config prints it, secrets masked. */
    @SuppressWarnings("unchecked")
    public String display() {
        return ((ParamDef<Object>) def).display(value);
    }
}
