package io.raftpool.conf;

/** An enum whose constants are written in pgpool.conf by {@link #configName()}. */
public interface ConfigEnum {
    /** The spelling in pgpool.conf, by default the constant's name in lower case. */
    default String configName() {
        return ParamTypes.configNameOf((Enum<?>) this);
    }
}
