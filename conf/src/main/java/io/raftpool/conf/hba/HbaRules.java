package io.raftpool.conf.hba;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules of a pool_hba.conf file, in file order, and the search for the rule that decides a
 * connection. Immutable and safe to share between threads.
 */
public final class HbaRules {
    private final List<HbaRule> rules;
    private final NetworkLookup network;

    HbaRules(List<HbaRule> rules, NetworkLookup network) {
        this.rules = List.copyOf(rules);
        this.network = Objects.requireNonNull(network, "network");
    }

    /** Rules that look up local interfaces and host names through the JDK. */
    public static HbaRules of(List<HbaRule> rules) {
        return new HbaRules(rules, SystemNetworkLookup.INSTANCE);
    }

    /** The same rules, matched with another view of the network (for tests). */
    HbaRules withNetwork(NetworkLookup lookup) {
        return new HbaRules(rules, lookup);
    }

    /** Every rule, in file order. */
    public List<HbaRule> rules() {
        return rules;
    }

    /**
     * The first rule whose connection type, client address, database and user all match, as PostgreSQL and
     * Pgpool-II choose it; empty means the connection must be rejected. Rules naming a host name, and
     * {@code samehost}/{@code samenet} rules, may consult DNS or the network interfaces, which can block.
     *
     * @param connection    how the client connected
     * @param clientAddress the client's IP address; ignored (and may be {@code null}) for {@link ConnectionType#LOCAL}
     * @param database      the database the client asked for
     * @param user          the user name the client gave
     */
    public Optional<HbaRule> match(ConnectionType connection, InetAddress clientAddress, String database, String user) {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        if (connection != ConnectionType.LOCAL) {
            Objects.requireNonNull(clientAddress, "clientAddress is required for a TCP/IP connection");
        }
        for (HbaRule rule : rules) {
            if (rule.type().accepts(connection)
                    && (rule.address() == null || addressMatches(rule.address(), clientAddress))
                    && rule.matchesDatabase(database, user)
                    && rule.matchesUser(user)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private boolean addressMatches(AddressMatch match, InetAddress client) {
        if (match instanceof AddressMatch.All) {
            return true;
        }
        if (match instanceof IpRange range) {
            return range.contains(client);
        }
        if (match instanceof AddressMatch.SameHost) {
            return network.localAddresses().stream()
                    .anyMatch(local -> Arrays.equals(local.address().getAddress(), client.getAddress()));
        }
        if (match instanceof AddressMatch.SameNet) {
            return network.localAddresses().stream()
                    .anyMatch(local -> IpRange.of(local.address(), local.prefixLength()).contains(client));
        }
        AddressMatch.Hostname hostname = (AddressMatch.Hostname) match;
        Optional<String> name = network.reverseLookup(client);
        return name.isPresent() && hostname.matchesName(name.get())
                && network.forwardLookup(name.get()).stream()
                        .anyMatch(a -> Arrays.equals(a.getAddress(), client.getAddress()));
    }

    @Override
    public String toString() {
        return "HbaRules" + rules;
    }
}
