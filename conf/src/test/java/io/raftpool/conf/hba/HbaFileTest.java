package io.raftpool.conf.hba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raftpool.conf.ConfigException;
import io.raftpool.conf.ConfigProblem;

class HbaFileTest {
    private static final Path NAME = Path.of("pool_hba.conf");
    private static final Path SAMPLE = Path.of("/usr/share/doc/pgpool2/examples/pool_hba.conf.sample");

    private static List<String> messages(String text) {
        return HbaFile.parse(text, NAME).problems().stream().map(ConfigProblem::toString).toList();
    }

    private static HbaRule onlyRule(String text) {
        HbaLoadResult result = HbaFile.parse(text, NAME);
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.rules().rules().size());
        return result.rules().rules().get(0);
    }

    @Test
    void readsPgpoolsOwnSampleWithoutProblems() {
        assumeTrue(Files.isReadable(SAMPLE), "Pgpool-II's sample pool_hba.conf is not installed");
        HbaLoadResult result = HbaFile.load(SAMPLE);
        assertEquals(List.of(), result.problems());
        assertEquals(List.of("line 69: local all all trust", "line 71: host all all 127.0.0.1/32 trust",
                "line 72: host all all ::1/128 trust"),
                result.rules().rules().stream().map(HbaRule::toString).toList());
    }

    @Test
    void readsEveryFieldOfALine() {
        HbaRule rule = onlyRule("# comment\n\nhostssl  db1,\"my db\",sameuser  alice,\"all\"  10.1.0.0/16"
                + "  pam  pamservice=pgpool # trailing comment\n");
        assertEquals(3, rule.line());
        assertEquals(HbaRecordType.HOSTSSL, rule.type());
        assertEquals(List.of(new HbaToken("db1", false), new HbaToken("my db", true), new HbaToken("sameuser", false)),
                rule.databases());
        assertEquals(List.of(new HbaToken("alice", false), new HbaToken("all", true)), rule.users());
        assertEquals("10.1.0.0/16", rule.address().toString());
        assertEquals(AuthMethod.PAM, rule.method());
        assertEquals(Map.of("pamservice", "pgpool"), rule.options());
    }

    @Test
    void readsAddressForms() {
        assertEquals("192.168.1.0/24", onlyRule("host all all 192.168.1.0 255.255.255.0 md5").address().toString());
        assertEquals("fe80::/10", onlyRule("host all all fe80::/10 scram-sha-256").address().toString());
        assertEquals("::ffff:10.0.0.0/104", onlyRule("host all all ::ffff:10.0.0.0/104 md5").address().toString());
        assertEquals(new AddressMatch.All(), onlyRule("host all all all md5").address());
        assertEquals(new AddressMatch.SameHost(), onlyRule("host all all samehost md5").address());
        assertEquals(new AddressMatch.SameNet(), onlyRule("host all all samenet md5").address());
        assertEquals(new AddressMatch.Hostname(".example.com"), onlyRule("host all all .example.com md5").address());
        assertEquals(new AddressMatch.Hostname("all"), onlyRule("host all all \"all\" md5").address());
    }

    @Test
    void followsPostgresqlTokenRules() {
        // "a, b" is one list; a quote inside quotes is written twice; # inside quotes is not a comment.
        HbaRule rule = onlyRule("local a, b \"say \"\"hi\"\"\",\"#x\" trust");
        assertEquals(List.of(new HbaToken("a", false), new HbaToken("b", false)), rule.databases());
        assertEquals(List.of(new HbaToken("say \"hi\"", true), new HbaToken("#x", true)), rule.users());
        // "a ,b" is two fields, so here "a" is the whole database list and "b" the user.
        HbaRule split = onlyRule("local a ,b trust");
        assertEquals(List.of(new HbaToken("a", false)), split.databases());
        assertEquals(List.of(new HbaToken("b", false)), split.users());
    }

    @Test
    void reportsEveryProblemWithFileAndLine() {
        String text = String.join("\n",
                "hots all all 10.0.0.0/8 md5",
                "host all all 10.0.0.0/8 md4",
                "host all all 10.0.0.0/8 scram-sha256",
                "host all all 10.0.0.0/33 md5",
                "local all all 127.0.0.1/32 trust",
                "host all all",
                "host all all 127.0.0.1 trust",
                "host all all 10.0.0.0/8 peer",
                "host all all 10.0.0.0/8 md5",
                "");
        assertEquals(List.of(
                "pool_hba.conf:1: ERROR: record type \"hots\": unknown record type (did you mean \"host\"?);"
                        + " allowed: local, host, hostssl, hostnossl",
                "pool_hba.conf:2: ERROR: authentication method \"md4\": unknown method (did you mean \"md5\"?);"
                        + " allowed: trust, reject, md5, password, scram-sha-256, pam, ldap, cert",
                "pool_hba.conf:3: ERROR: authentication method \"scram-sha256\": unknown method (did you mean"
                        + " \"scram-sha-256\"?); allowed: trust, reject, md5, password, scram-sha-256, pam, ldap, cert",
                "pool_hba.conf:4: ERROR: address \"10.0.0.0/33\": invalid CIDR mask length \"33\"; allowed: 0 to 32"
                        + " for an IPv4 address",
                "pool_hba.conf:5: ERROR: address \"127.0.0.1/32\": local records (Unix-domain sockets) take no"
                        + " address; write local DATABASE USER METHOD, or use host for TCP/IP",
                "pool_hba.conf:6: ERROR: the line ends before the address field; expected: host DATABASE USER"
                        + " ADDRESS [NETMASK] METHOD [OPTIONS]",
                "pool_hba.conf:7: ERROR: address \"127.0.0.1\": an IP address needs a mask: write 127.0.0.1/32 for"
                        + " this one host, a CIDR range such as 10.0.0.0/8, or the netmask in the next field",
                "pool_hba.conf:8: ERROR: authentication method \"peer\": a PostgreSQL method that Pgpool-II does"
                        + " not support; allowed: trust, reject, md5, password, scram-sha-256, pam, ldap, cert"),
                messages(text));
        HbaLoadResult result = HbaFile.parse(text, NAME);
        assertFalse(result.ok());
        assertNull(result.rules());
        ConfigException e = assertThrows(ConfigException.class, result::orThrow);
        assertEquals(8, e.problems().size());
    }

    @Test
    void reportsBadAddresses() {
        assertEquals(List.of(
                "pool_hba.conf:1: ERROR: address \"fe80::/129\": invalid CIDR mask length \"129\"; allowed: 0 to 128"
                        + " for an IPv6 address",
                "pool_hba.conf:2: ERROR: address \"10.0.0.0/\": invalid CIDR mask length \"\"; allowed: 0 to 32 for"
                        + " an IPv4 address",
                "pool_hba.conf:3: ERROR: address \"10.0.0.256/32\": invalid IPv4 address \"10.0.0.256\"; allowed:"
                        + " four numbers from 0 to 255 without leading zeros, such as 192.168.0.1",
                "pool_hba.conf:4: ERROR: address \"fe80:::1/64\": invalid IPv6 address \"fe80:::1\"",
                "pool_hba.conf:5: ERROR: address \"db.example.com/24\": a host name cannot have a CIDR mask; use an"
                        + " IP address range such as 10.0.0.0/8, or the host name alone",
                "pool_hba.conf:6: ERROR: address \"10.0.0.0\": invalid netmask \"255.0.0\"; allowed: an IPv4 netmask"
                        + " such as 255.255.255.0",
                "pool_hba.conf:7: ERROR: address \"10.0.0.0\": the netmask \"ffff::\" is not an IPv4 address; the"
                        + " address and its netmask must be of the same family",
                "pool_hba.conf:8: ERROR: the line ends before the authentication method; \"md5\" stands where the"
                        + " address belongs; expected: host DATABASE USER ADDRESS [NETMASK] METHOD [OPTIONS]",
                "pool_hba.conf:9: WARNING: address \"10.1.2.3/8\": the address has bits set outside the mask, which"
                        + " are ignored; this matches 10.0.0.0/8"),
                messages(String.join("\n",
                        "host all all fe80::/129 md5",
                        "host all all 10.0.0.0/ md5",
                        "host all all 10.0.0.256/32 md5",
                        "host all all fe80:::1/64 md5",
                        "host all all db.example.com/24 md5",
                        "host all all 10.0.0.0 255.0.0 md5",
                        "host all all 10.0.0.0 ffff:: md5",
                        "host all all md5",
                        "host all all 10.1.2.3/8 md5")));
    }

    @Test
    void reportsBadFieldsAndOptions() {
        assertEquals(List.of(
                "pool_hba.conf:1: ERROR: the line ends before the user field; expected: local DATABASE USER METHOD"
                        + " [OPTIONS]",
                "pool_hba.conf:2: ERROR: database \"@dbs.txt\": including names from a file (@file) is not supported"
                        + " by raftpool; list the names on the line, separated by commas",
                "pool_hba.conf:3: WARNING: database \"samerole\": not supported by Pgpool-II, which does not know"
                        + " group membership: when the database list is searched up to this entry, the line does"
                        + " not match",
                "pool_hba.conf:4: WARNING: user \"+admins\": group membership (+group) is not supported by"
                        + " Pgpool-II: when the user list is searched up to this entry, the line does not match",
                "pool_hba.conf:5: ERROR: option \"pamservice\": is only valid for method \"pam\", not \"md5\"",
                "pool_hba.conf:6: ERROR: option \"pamservise\": unknown option (did you mean \"pamservice\"?);"
                        + " method \"pam\" allows pamservice, pam_use_hostname",
                "pool_hba.conf:7: ERROR: option \"pgpool\": not in name=value form; options after the method are"
                        + " written like pamservice=pgpool",
                "pool_hba.conf:8: ERROR: method \"ldap\": needs ldapbasedn (or ldapurl) for search and bind, or"
                        + " ldapprefix and/or ldapsuffix for simple bind",
                "pool_hba.conf:9: ERROR: option \"ldapport\": invalid port \"99999\"; allowed: a number from 1 to"
                        + " 65535",
                "pool_hba.conf:10: ERROR: authentication method \"md5,trust\": only one authentication method is allowed per line;"
                        + " write one line for each",
                "pool_hba.conf:11: ERROR: a double quote is not closed; quote names as \"my db\" and write a quote"
                        + " inside quotes as \"\""),
                messages(String.join("\n",
                        "local all",
                        "local @dbs.txt all trust",
                        "local samerole all trust",
                        "local all +admins trust",
                        "local all all md5 pamservice=x",
                        "local all all pam pamservise=x",
                        "local all all pam pgpool",
                        "host all all 10.0.0.0/8 ldap ldapserver=ldap.example.com",
                        "host all all 10.0.0.0/8 ldap ldapbasedn=dc=example ldapport=99999",
                        "local all all md5,trust",
                        "local \"my db all trust")));
    }

    @Test
    void hidesTheLdapBindPasswordInToString() {
        HbaRule rule = onlyRule("host all all 10.0.0.0/8 ldap ldapserver=ldap ldapbasedn=\"dc=example\""
                + " ldapbinddn=cn=pgpool ldapbindpasswd=Sup3rSecret");
        assertEquals("Sup3rSecret", rule.options().get("ldapbindpasswd"));
        assertFalse(rule.toString().contains("Sup3rSecret"), rule.toString());
        assertTrue(rule.toString().endsWith("ldapbindpasswd=(hidden)"), rule.toString());
    }

    @Test
    void aFileWithoutRulesIsAnError() {
        assertEquals(List.of("pool_hba.conf: ERROR: the file contains no rules, so every connection would be"
                + " rejected"), messages("# nothing here\n\n"));
    }

    @Test
    void anUnreadableFileIsOneProblem(@TempDir Path dir) {
        Path missing = dir.resolve("pool_hba.conf");
        HbaLoadResult result = HbaFile.load(missing);
        assertEquals(List.of(missing + ": ERROR: cannot read pool_hba.conf \"" + missing + "\": no such file"),
                result.problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void loadsAFileAndNamesItInProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool_hba.conf");
        Files.writeString(file, "local all all trust\r\nhost all all 10.0.0.0/8 md5x\r\n");
        assertEquals(List.of(file + ":2: ERROR: authentication method \"md5x\": unknown method (did you mean"
                + " \"md5\"?); allowed: trust, reject, md5, password, scram-sha-256, pam, ldap, cert"),
                HbaFile.load(file).problems().stream().map(ConfigProblem::toString).toList());
    }
}
