package io.raftpool.conf.hba;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One line of pool_hba.conf.
 *
 * @param line      1-based line number in the file
 * @param type      which connections the rule applies to
 * @param databases the database list, in file order
 * @param users     the user list, in file order
 * @param address   the client-address field, or {@code null} for a {@code local} rule
 * @param method    the authentication method
 * @param options   the {@code name=value} options, in file order
 */
public record HbaRule(int line, HbaRecordType type, List<HbaToken> databases, List<HbaToken> users,
                      AddressMatch address, AuthMethod method, Map<String, String> options) {

    /** Options whose values are secrets and are never shown. */
    private static final List<String> SECRET_OPTIONS = List.of("ldapbindpasswd");

    public HbaRule {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        databases = List.copyOf(databases);
        users = List.copyOf(users);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
        if ((type == HbaRecordType.LOCAL) != (address == null)) {
            throw new IllegalArgumentException("local rules have no address, and all other rules have one");
        }
    }

    /**
     * Whether the rule's database list admits {@code database} for {@code user}. The list is read in order:
     * {@code all} matches, {@code sameuser} matches when the database is named like the user, a name
     * matches itself exactly. Like Pgpool-II, reaching {@code samerole} or {@code samegroup} ends the search
     * with no match, since group membership is unknown to the proxy.
     */
    public boolean matchesDatabase(String database, String user) {
        for (HbaToken token : databases) {
            if (token.isKeyword("all")) {
                return true;
            } else if (token.isKeyword("sameuser")) {
                if (database.equals(user)) {
                    return true;
                }
            } else if (token.isKeyword("samerole") || token.isKeyword("samegroup")) {
                return false;
            } else if (token.text().equals(database)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the rule's user list admits {@code user}: {@code all} or the exact name. Like Pgpool-II,
     * reaching a {@code +group} entry ends the search with no match.
     */
    public boolean matchesUser(String user) {
        for (HbaToken token : users) {
            if (!token.quoted() && token.text().startsWith("+")) {
                return false;
            }
            if (token.isKeyword("all") || token.text().equals(user)) {
                return true;
            }
        }
        return false;
    }

    /** The rule much as written, with secret option values hidden. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("line ").append(line).append(": ").append(type.keyword())
                .append(' ').append(join(databases)).append(' ').append(join(users));
        if (address != null) {
            sb.append(' ').append(address);
        }
        sb.append(' ').append(method.keyword());
        options.forEach((name, value) -> sb.append(' ').append(name).append('=')
                .append(SECRET_OPTIONS.contains(name) ? "(hidden)" : value));
        return sb.toString();
    }

    private static String join(List<HbaToken> tokens) {
        return tokens.stream().map(HbaToken::toString).collect(Collectors.joining(","));
    }
}
