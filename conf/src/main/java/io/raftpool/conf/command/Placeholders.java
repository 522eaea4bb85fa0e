package io.raftpool.conf.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values substituted into a command template: Pgpool-II's {@code %x} placeholders and the delegate
 * IP's {@code $_IP_$}. A placeholder the template uses but that has no value here becomes an empty string,
 * as in Pgpool-II.
 */
public final class Placeholders {

    /** The delegate IP placeholder of if_up_cmd, if_down_cmd and arping_cmd. */
    public static final String DELEGATE_IP = "$_IP_$";

    /** No values: for commands such as wd_escalation_command that take none. */
    public static final Placeholders NONE = new Placeholders(Map.of());

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Starts a set of values. */
    public static Builder builder() {
        return new Builder();
    }

    /** Only {@code $_IP_$}. */
    public static Placeholders delegateIp(String ip) {
        return builder().delegateIp(ip).build();
    }

    /** The tokens and their values, {@code "%d" -> "1"}. */
    Map<String, String> values() {
        return values;
    }

    /** Builds {@link Placeholders}. */
    public static final class Builder {
        private final Map<String, String> values = new LinkedHashMap<>();

        /** Sets {@code %letter}. */
        public Builder percent(char letter, Object value) {
            if (letter == '%') {
                throw new IllegalArgumentException("%% always stands for a literal %");
            }
            values.put("%" + letter, String.valueOf(value));
            return this;
        }

        /** Sets {@code $_IP_$}. */
        public Builder delegateIp(String ip) {
            values.put(DELEGATE_IP, ip);
            return this;
        }

        public Placeholders build() {
            return new Placeholders(values);
        }
    }
}
