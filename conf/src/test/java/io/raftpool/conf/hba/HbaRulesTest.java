package io.raftpool.conf.hba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class HbaRulesTest {

    private static HbaRules rules(String... lines) {
        return HbaFile.parse(String.join("\n", lines), Path.of("pool_hba.conf")).orThrow();
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByAddress(IpLiterals.parse(literal));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The line number of the matching rule, or 0 for "rejected because nothing matched". */
    private static int matchLine(HbaRules rules, ConnectionType type, String client, String db, String user) {
        return rules.match(type, client == null ? null : ip(client), db, user).map(HbaRule::line).orElse(0);
    }

    @Test
    void firstMatchingRuleWinsAndNoMatchMeansReject() {
        HbaRules rules = rules(
                "host sales alice 10.0.0.0/8 reject",
                "host all all 10.0.0.0/8 md5",
                "host all all 0.0.0.0/0 scram-sha-256");
        assertEquals(AuthMethod.REJECT, rules.match(ConnectionType.HOST, ip("10.9.9.9"), "sales", "alice")
                .orElseThrow().method());
        assertEquals(2, matchLine(rules, ConnectionType.HOST, "10.9.9.9", "sales", "bob"));
        assertEquals(3, matchLine(rules, ConnectionType.HOST, "11.0.0.1", "sales", "alice"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "::1", "sales", "alice"));
        assertEquals(0, matchLine(rules, ConnectionType.LOCAL, null, "sales", "alice"));
    }

    @Test
    void connectionTypesAndSsl() {
        HbaRules rules = rules(
                "local all all trust",
                "hostssl all all all md5",
                "hostnossl all all all password");
        assertEquals(1, matchLine(rules, ConnectionType.LOCAL, null, "db", "u"));
        assertEquals(2, matchLine(rules, ConnectionType.host(true), "10.0.0.1", "db", "u"));
        assertEquals(3, matchLine(rules, ConnectionType.host(false), "10.0.0.1", "db", "u"));
        HbaRules hostOnly = rules("host all all all md5");
        assertEquals(1, matchLine(hostOnly, ConnectionType.HOST_SSL, "10.0.0.1", "db", "u"));
        assertEquals(1, matchLine(hostOnly, ConnectionType.HOST, "10.0.0.1", "db", "u"));
        assertEquals(0, matchLine(hostOnly, ConnectionType.LOCAL, null, "db", "u"));
        assertThrows(NullPointerException.class, () -> hostOnly.match(ConnectionType.HOST, null, "db", "u"));
    }

    @Test
    void ipv4RangesMatchExactlyAtTheirEdges() {
        HbaRules rules = rules("host all all 192.168.4.0/22 md5", "host all all 172.16.0.0 255.240.0.0 trust",
                "host all all 10.1.2.3/32 password");
        assertEquals(1, matchLine(rules, ConnectionType.HOST, "192.168.4.0", "d", "u"));
        assertEquals(1, matchLine(rules, ConnectionType.HOST, "192.168.7.255", "d", "u"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "192.168.8.0", "d", "u"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "192.168.3.255", "d", "u"));
        assertEquals(2, matchLine(rules, ConnectionType.HOST, "172.31.255.255", "d", "u"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "172.32.0.0", "d", "u"));
        assertEquals(3, matchLine(rules, ConnectionType.HOST, "10.1.2.3", "d", "u"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "10.1.2.2", "d", "u"));
    }

    @Test
    void ipv6RangesMatchExactlyAndNeverCrossFamilies() {
        HbaRules rules = rules("host all all 2001:db8:abcd:12::/63 md5", "host all all ::1/128 trust",
                "host all all ::ffff:10.0.0.0/104 password", "host all all 0.0.0.0/0 reject");
        assertEquals(1, matchLine(rules, ConnectionType.HOST, "2001:db8:abcd:13:ffff:ffff:ffff:ffff", "d", "u"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "2001:db8:abcd:14::", "d", "u"));
        assertEquals(2, matchLine(rules, ConnectionType.HOST, "::1", "d", "u"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "::2", "d", "u"));
        // Java turns IPv4-mapped IPv6 addresses into IPv4 ones, and IPv4 clients only match IPv4 rules.
        assertEquals(4, matchLine(rules, ConnectionType.HOST, "10.1.1.1", "d", "u"));
        assertEquals(4, matchLine(rules, ConnectionType.HOST, "127.0.0.1", "d", "u"));
    }

    @Test
    void databaseAndUserLists() {
        HbaRules rules = rules(
                "host sameuser all all md5",
                "host \"all\",sales all all password",
                "host all \"all\",carol all trust",
                "host samerole,audit all all cert",
                "host audit,samerole +admins,dave all pam");
        assertEquals(1, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "alice", "alice"));
        assertEquals(2, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "all", "bob"));
        assertEquals(2, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "sales", "bob"));
        assertEquals(3, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "other", "carol"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "other", "bob"));
        // As in Pgpool-II, reaching samerole or +group stops the list with no match.
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "audit", "dave"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "Sales", "bob"));
    }

    @Test
    void sameUserComparesWithTheUserNotWithItsOwnName() {
        HbaRules rules = rules("host sameuser all all md5");
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "10.0.0.1", "sameuser", "bob"));
    }

    /** A fixed network: one interface 192.168.10.5/24, and DNS knowing db1.example.com = 10.0.0.7. */
    private static final NetworkLookup FAKE_NETWORK = new NetworkLookup() {
        @Override
        public List<InterfaceAddress> localAddresses() {
            return List.of(new InterfaceAddress(ip("192.168.10.5"), 24), new InterfaceAddress(ip("::1"), 128));
        }

        @Override
        public Optional<String> reverseLookup(InetAddress address) {
            Map<String, String> names = Map.of("10.0.0.7", "DB1.Example.com", "10.0.0.8", "db1.example.com");
            return Optional.ofNullable(names.get(address.getHostAddress()));
        }

        @Override
        public List<InetAddress> forwardLookup(String name) {
            return name.equalsIgnoreCase("db1.example.com") ? List.of(ip("10.0.0.7")) : List.of();
        }
    };

    @Test
    void sameHostSameNetAndHostNames() {
        HbaRules rules = rules("host all all samehost trust", "host all all samenet md5",
                "host all all db1.example.com password", "host all all .example.com cert").withNetwork(FAKE_NETWORK);
        assertEquals(1, matchLine(rules, ConnectionType.HOST, "192.168.10.5", "d", "u"));
        assertEquals(1, matchLine(rules, ConnectionType.HOST, "::1", "d", "u"));
        assertEquals(2, matchLine(rules, ConnectionType.HOST, "192.168.10.200", "d", "u"));
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "192.168.11.1", "d", "u"));
        assertEquals(3, matchLine(rules, ConnectionType.HOST, "10.0.0.7", "d", "u"));
        // 10.0.0.8 claims the name, but the name does not resolve back to it.
        assertEquals(0, matchLine(rules, ConnectionType.HOST, "10.0.0.8", "d", "u"));
    }

    @Test
    void hostnamePatterns() {
        AddressMatch.Hostname suffix = new AddressMatch.Hostname(".example.com");
        assertTrue(suffix.matchesName("db.EXAMPLE.com"));
        assertFalse(suffix.matchesName("example.com"));
        assertFalse(suffix.matchesName("db.example.org"));
        assertTrue(new AddressMatch.Hostname("db.example.com").matchesName("DB.example.COM"));
        assertFalse(new AddressMatch.Hostname("db.example.com").matchesName("xdb.example.com"));
    }

    @Test
    void ipRangeFactoryAndText() {
        IpRange range = IpRange.of(ip("2001:db8::"), 32);
        assertTrue(range.contains(ip("2001:db8:ffff::1")));
        assertFalse(range.contains(ip("2001:db9::")));
        assertEquals("2001:db8::/32", range.toString());
        assertEquals("10.0.0.0 255.0.255.0", new IpRange(new byte[] {10, 0, 0, 0},
                new byte[] {(byte) 255, 0, (byte) 255, 0}).toString());
        assertEquals("1:0:0:2::/64", IpRange.of(ip("1:0:0:2::"), 64).toString());
        assertThrows(IllegalArgumentException.class, () -> IpRange.of(ip("10.0.0.0"), 33));
    }
}
