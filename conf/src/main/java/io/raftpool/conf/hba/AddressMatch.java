package io.raftpool.conf.hba;

import java.util.Objects;

/**
 * The client-address field of a {@code host}, {@code hostssl} or {@code hostnossl} rule.
 * {@code local} rules have none.
 */
public sealed interface AddressMatch
        permits AddressMatch.All, AddressMatch.SameHost, AddressMatch.SameNet, AddressMatch.Hostname, IpRange {

    /** {@code all}: any client address. */
    record All() implements AddressMatch {
        @Override
        public String toString() {
            return "all";
        }
    }

    /** {@code samehost}: any address of the proxy's own network interfaces. */
    record SameHost() implements AddressMatch {
        @Override
        public String toString() {
            return "samehost";
        }
    }

    /** {@code samenet}: any address in a subnet the proxy is directly connected to. */
    record SameNet() implements AddressMatch {
        @Override
        public String toString() {
            return "samenet";
        }
    }

    /**
     * A host name, matched against the reverse lookup of the client's address (case-insensitively; a
     * pattern starting with a dot matches any name ending in it), then confirmed by a forward lookup of that
     * name giving back the client's address.
     *
     * @param pattern the name as written, such as {@code db1.example.com} or {@code .example.com}
     */
    record Hostname(String pattern) implements AddressMatch {
        public Hostname {
            Objects.requireNonNull(pattern, "pattern");
        }

        /** Whether a name found by reverse lookup fits this pattern. */
        public boolean matchesName(String actualName) {
            if (pattern.startsWith(".")) {
                return actualName.length() >= pattern.length()
                        && actualName.regionMatches(true, actualName.length() - pattern.length(),
                                pattern, 0, pattern.length());
            }
            return pattern.equalsIgnoreCase(actualName);
        }

        @Override
        public String toString() {
            return pattern;
        }
    }
}
