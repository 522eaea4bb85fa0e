package io.raftpool.proxy.session;

import io.raftpool.conf.Config;
import io.raftpool.conf.Context;
import io.raftpool.conf.InvalidValueException;
import io.raftpool.conf.ParamDef;
import io.raftpool.conf.Params;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters a client may change for its own session with PGPOOL SET (those whose reload context is
 * "session", as in Pgpool-II), over the configuration's values; PGPOOL RESET drops the changes.
 */
final class SessionParameters {

    private final Config config;
    private final Map<ParamDef<?>, Object> overrides = new HashMap<>();
    /** The statement-reporting switches, read on every statement: looked up again after each SET or RESET. */
    private boolean logStatement;
    private boolean logPerNodeStatement;
    private boolean noticePerNodeStatement;

    SessionParameters(Config config) {
        this.config = config;
        readReportingSwitches();
    }

    private void readReportingSwitches() {
        logStatement = get(Params.LOG_STATEMENT);
        logPerNodeStatement = get(Params.LOG_PER_NODE_STATEMENT);
        noticePerNodeStatement = get(Params.NOTICE_PER_NODE_STATEMENT);
    }

    @SuppressWarnings("unchecked")
    <T> T get(ParamDef<T> def) {
        Object v = overrides.get(def);
        return v != null ? (T) v : config.get(def);
    }

    /** PGPOOL SET name = value. */
    void set(String name, String value) {
        ParamDef<?> def = sessionParameter(name);
        try {
            overrides.put(def, def.type().parse(value));
        } catch (InvalidValueException e) {
            throw PgException.error(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid value for parameter \"" + def.name() + "\": " + e.getMessage());
        }
        readReportingSwitches();
    }

    /** PGPOOL RESET name, or every parameter for "all". */
    void reset(String name) {
        if (name.equalsIgnoreCase("all")) {
            overrides.clear();
        } else {
            overrides.remove(sessionParameter(name));
        }
        readReportingSwitches();
    }

    /** The display form of a session parameter's value in this session, or null when it is not one. */
    String display(String name) {
        for (ParamDef<?> def : overrides.keySet()) {
            if (def.name().equalsIgnoreCase(name)) {
                return display(def);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private <T> String display(ParamDef<T> def) {
        return def.display((T) overrides.get(def));
    }

    private static ParamDef<?> sessionParameter(String name) {
        for (ParamDef<?> def : Params.all()) {
            if (def.name().equalsIgnoreCase(name)) {
                if (def.context() != Context.SESSION) {
                    throw PgException.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"" + def.name()
                            + "\" cannot be changed in a session; change pgpool.conf and reload");
                }
                return def;
            }
        }
        throw PgException.error(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
    }

    boolean allowSqlComments() {
        return get(Params.ALLOW_SQL_COMMENTS);
    }

    boolean logStatement() {
        return logStatement;
    }

    boolean logPerNodeStatement() {
        return logPerNodeStatement;
    }

    boolean noticePerNodeStatement() {
        return noticePerNodeStatement;
    }
}
