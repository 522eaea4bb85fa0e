package io.raftpool.conf;

import java.util.List;
import java.util.Objects;

/**
 * The declaration of one pgpool.conf parameter: its name, type, default, reload context and how far
 * raftpool supports it. Every parameter is declared once, in {@link Params}.
 *
 * @param <T> the Java type of its value
 */
public final class ParamDef<T> {

    /** Whether a parameter is written once, once per node with an index, or both. */
    public enum Indexing {
        /** {@code port}: one value. */
        SINGLE,
        /** {@code backend_hostname0}: one value per node, only with an index. */
        INDEXED,
        /** {@code health_check_period} for every node, {@code health_check_period1} for node 1 only. */
        PER_NODE
    }

    private final String name;
    private final ParamType<T> type;
    private final T defaultValue;
    private final Context context;
    private final Support support;
    private final String note;
    private final boolean secret;
    private final Indexing indexing;
    private final int maxIndex;
    private final List<String> aliases;

    private ParamDef(String name, ParamType<T> type, T defaultValue, Context context, Support support, String note,
            boolean secret, Indexing indexing, int maxIndex, List<String> aliases) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
        this.defaultValue = defaultValue;
        this.context = Objects.requireNonNull(context);
        this.support = Objects.requireNonNull(support);
        this.note = note;
        this.secret = secret;
        this.indexing = indexing;
        this.maxIndex = maxIndex;
        this.aliases = List.copyOf(aliases);
    }

    static <T> ParamDef<T> of(String name, ParamType<T> type, T defaultValue, Context context, Support support) {
        return new ParamDef<>(name, type, defaultValue, context, support, null, false, Indexing.SINGLE, 0, List.of());
    }

    /** The same parameter, written with a node index from 0 to {@code maxIndex - 1}. */
    ParamDef<T> indexed(int maxIndex) {
        return new ParamDef<>(name, type, defaultValue, context, support, note, secret, Indexing.INDEXED, maxIndex,
                aliases);
    }

    /** The same parameter, written plain for all nodes or with an index for one. */
    ParamDef<T> perNode(int maxIndex) {
        return new ParamDef<>(name, type, defaultValue, context, support, note, secret, Indexing.PER_NODE, maxIndex,
                aliases);
    }

    /** The same parameter, whose value is never printed or logged. */
    ParamDef<T> secret() {
        return new ParamDef<>(name, type, defaultValue, context, support, note, true, indexing, maxIndex, aliases);
    }

    /** The same parameter, also accepted under other names (Pgpool-II 4.4 renames, old spellings). */
    ParamDef<T> aliases(String... names) {
        return new ParamDef<>(name, type, defaultValue, context, support, note, secret, indexing, maxIndex,
                List.of(names));
    }

    /** The same parameter, with a note on why it is unsupported or what raftpool does instead. */
    ParamDef<T> note(String text) {
        return new ParamDef<>(name, type, defaultValue, context, support, text, secret, indexing, maxIndex, aliases);
    }

    public String name() {
        return name;
    }

    public ParamType<T> type() {
        return type;
    }

    /** The value when the file does not set it; {@code null} where Pgpool-II's default is "not set". */
    public T defaultValue() {
        return defaultValue;
    }

    public Context context() {
        return context;
    }

    public Support support() {
        return support;
    }

    /** Why the parameter is unsupported or what raftpool does instead, or {@code null}. */
    public String note() {
        return note;
    }

    /** True for passwords and keys: their values are shown as {@code ********}. */
    public boolean isSecret() {
        return secret;
    }

    public Indexing indexing() {
        return indexing;
    }

    /** The number of node slots an indexed parameter has (indices 0 to maxIndex - 1). */
    public int maxIndex() {
        return maxIndex;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The value as check-config prints it: secrets masked. */
    public String display(T value) {
        if (value == null) {
            return "";
        }
        return secret && !String.valueOf(value).isEmpty() ? "********" : type.format(value);
    }

    @Override
    public String toString() {
        return name;
    }
}
