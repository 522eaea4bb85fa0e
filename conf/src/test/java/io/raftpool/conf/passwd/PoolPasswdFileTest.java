package io.raftpool.conf.passwd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raftpool.conf.ConfigProblem;

class PoolPasswdFileTest {
    private static final Path NAME = Path.of("pool_passwd");
    /** pg_enc 4.3.5 output for the password "secret" and the key "mykey". */
    private static final String SECRET_UNDER_MYKEY = "AESV7IMV7YNworqqZU1Z46Wgw==";

    private static List<String> messages(String text) {
        return PoolPasswdFile.parse(text, NAME).problems().stream().map(ConfigProblem::toString).toList();
    }

    private static PoolPasswd passwd(String text) {
        PoolPasswdLoadResult result = PoolPasswdFile.parse(text, NAME);
        assertEquals(List.of(), result.problems());
        return result.orThrow();
    }

    @Test
    void readsEveryKindOfPassword() {
        String scram = "SCRAM-SHA-256$4096:c2FsdHNhbHQ=$c3RvcmVka2V5c3RvcmVka2V5:c2VydmVya2V5c2VydmVya2V5";
        PoolPasswd passwd = passwd(String.join("\n",
                "# users",
                "",
                "bob:md521f3163f8f86fa10bdefbfbd502a8f06",
                "alice:" + SECRET_UNDER_MYKEY,
                "carol:TEXTmd5 is not a hash here",
                "dave:" + scram,
                "erin:plain secret",
                "a\\:b:p\\:w\\\\"));
        assertEquals(6, passwd.size());
        assertEquals(new PoolPasswdEntry("bob", PasswordKind.MD5, "md521f3163f8f86fa10bdefbfbd502a8f06"),
                passwd.lookup("bob").orElseThrow());
        assertEquals(PasswordKind.AES, passwd.lookup("alice").orElseThrow().kind());
        assertEquals(Optional.of("md5 is not a hash here"), passwd.lookup("carol").orElseThrow().clearText());
        assertEquals(new PoolPasswdEntry("dave", PasswordKind.SCRAM_SHA_256, scram), passwd.lookup("dave").orElseThrow());
        assertEquals(Optional.of("plain secret"), passwd.lookup("erin").orElseThrow().clearText());
        assertEquals(Optional.of("p:w\\"), passwd.lookup("a:b").orElseThrow().clearText());
        assertEquals(Optional.empty(), passwd.lookup("Bob"));
    }

    @Test
    void clearTextOfEachKind() {
        PoolPasswd passwd = passwd("bob:md521f3163f8f86fa10bdefbfbd502a8f06\nalice:" + SECRET_UNDER_MYKEY
                + "\ncarol:TEXTabc\n");
        PoolKey key = PoolKey.ofPassphrase("mykey");
        assertEquals(Optional.empty(), passwd.lookup("bob").orElseThrow().clearText(key));
        assertEquals(Optional.empty(), passwd.lookup("alice").orElseThrow().clearText());
        assertEquals(Optional.of("secret"), passwd.lookup("alice").orElseThrow().clearText(key));
        assertEquals(Optional.of("abc"), passwd.lookup("carol").orElseThrow().clearText(key));
        PasswordDecryptionException e = assertThrows(PasswordDecryptionException.class,
                () -> passwd.lookup("alice").orElseThrow().clearText(PoolKey.ofPassphrase("other key")));
        assertEquals("cannot decrypt the password of user \"alice\": wrong key or corrupted AES entry", e.getMessage());
    }

    @Test
    void toStringNeverShowsPasswords() {
        PoolPasswd passwd = passwd("bob:md521f3163f8f86fa10bdefbfbd502a8f06\nalice:" + SECRET_UNDER_MYKEY
                + "\ncarol:TEXThunter2\nerin:swordfish\n");
        assertEquals("PoolPasswd[PoolPasswdEntry[user=bob, kind=MD5], PoolPasswdEntry[user=alice, kind=AES],"
                + " PoolPasswdEntry[user=carol, kind=TEXT], PoolPasswdEntry[user=erin, kind=PLAIN]]", passwd.toString());
    }

    @Test
    void reportsEveryProblemWithoutRevealingPasswords() {
        String text = String.join("\n",
                "justapassword",
                ":md521f3163f8f86fa10bdefbfbd502a8f06",
                "bob:md5deadbeef",
                "carol:AESnot*base64",
                "dave:AESAAAA",
                "erin:SCRAM-SHA-256$4096:salt-with-dash",
                "frank:",
                "gina:pass:mapped_user:mapped_pass",
                "");
        List<String> messages = messages(text);
        assertEquals(List.of(
                "pool_passwd:1: ERROR: no ':' on this line; each line is user:password",
                "pool_passwd:2: ERROR: the user name before ':' is empty; each line is user:password",
                "pool_passwd:3: ERROR: user \"bob\": an md5 password must be \"md5\" followed by 32 hex digits (the"
                        + " MD5 of the password and then the user name, as pg_md5 -m makes it); found 8 characters"
                        + " after \"md5\"; if this is a clear-text password, write it as TEXT followed by the password",
                "pool_passwd:4: ERROR: user \"carol\": the text after \"AES\" is not valid base64; an encrypted"
                        + " password is \"AES\" followed by the base64 that pg_enc prints",
                "pool_passwd:5: ERROR: user \"dave\": the encrypted password is 3 bytes long, which is not a whole"
                        + " number of 16-byte AES blocks; the entry is damaged, so encrypt the password again with"
                        + " pg_enc",
                "pool_passwd:6: ERROR: user \"erin\": not a valid SCRAM verifier; expected"
                        + " SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> with base64 parts, as"
                        + " PostgreSQL stores it in pg_authid",
                "pool_passwd:7: WARNING: user \"frank\": the password is empty; Pgpool-II skips such a line, and so"
                        + " does raftpool",
                "pool_passwd:8: WARNING: user \"gina\": the text after the second ':' is ignored, as Pgpool-II 4.3"
                        + " ignores it; write a ':' inside a password as '\\:'"),
                messages);
        for (String secret : List.of("justapassword", "deadbeef", "not*base64", "salt-with-dash", "mapped_pass")) {
            assertFalse(messages.toString().contains(secret), secret);
        }
        PoolPasswdLoadResult result = PoolPasswdFile.parse(text, NAME);
        assertNull(result.passwd());
        assertEquals(6, result.errors().size());
        assertEquals(2, result.warnings().size());
    }

    @Test
    void firstEntryOfAUserWinsAsInPgpool() {
        PoolPasswdLoadResult result = PoolPasswdFile.parse("bob:TEXTfirst\nalice:x\nbob:TEXTsecond\n", NAME);
        assertEquals(List.of("pool_passwd:3: WARNING: user \"bob\": already defined on line 1; Pgpool-II uses the"
                + " first entry, so this line is ignored"), result.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(Optional.of("first"), result.orThrow().lookup("bob").orElseThrow().clearText());
    }

    @Test
    void upperCaseMd5IsNormalisedWithAWarning() {
        PoolPasswdLoadResult result = PoolPasswdFile.parse("bob:md521F3163F8F86FA10BDEFBFBD502A8F06\n", NAME);
        assertEquals(List.of("pool_passwd:1: WARNING: user \"bob\": the md5 hash has upper-case hex digits; raftpool"
                + " reads them in lower case, but Pgpool-II compares them as written and would never match"),
                result.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(Md5Passwords.poolPasswdMd5("bob", "secret"), result.orThrow().lookup("bob").orElseThrow().stored());
    }

    @Test
    void windowsLineEndingsAreReportedOnce() {
        PoolPasswdLoadResult result = PoolPasswdFile.parse("bob:TEXTa\r\nalice:TEXTb\r\n", NAME);
        assertEquals(List.of("pool_passwd:1: WARNING: the line ends with CR LF (Windows line endings); raftpool"
                + " ignores the CR on every line, but Pgpool-II would take it as part of the password"),
                result.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(Optional.of("b"), result.orThrow().lookup("alice").orElseThrow().clearText());
    }

    @Test
    void loadsFilesAndReportsUnreadableOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pool_passwd");
        Files.writeString(file, "bob:TEXTx\nbroken\n");
        assertEquals(List.of(file + ":2: ERROR: no ':' on this line; each line is user:password"),
                PoolPasswdFile.load(file).problems().stream().map(ConfigProblem::toString).toList());
        Path missing = dir.resolve("absent");
        assertEquals(List.of(missing + ": ERROR: cannot read pool_passwd \"" + missing + "\": no such file"),
                PoolPasswdFile.load(missing).problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void md5HelperMatchesPostgresqlsForm() {
        // The well-known PostgreSQL value for user "postgres", password "postgres".
        assertEquals("md53175bce1d3201d16594cebf9d7eb3f9d", Md5Passwords.poolPasswdMd5("postgres", "postgres"));
        assertEquals("5ebe2294ecd0e0f08eab7690d2a6ee69", Md5Passwords.md5Hex("secret"));
    }
}
