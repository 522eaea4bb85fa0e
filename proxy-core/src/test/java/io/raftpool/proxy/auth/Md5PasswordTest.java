package io.raftpool.proxy.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL's md5 password scheme. */
class Md5PasswordTest {
    private static final byte[] SALT = {1, 2, 3, 4};

    @Test
    void encryptIsMd5OfPasswordThenUser() throws Exception {
        String independent = "md5" + HexFormat.of().formatHex(
                MessageDigest.getInstance("MD5").digest("secretalice".getBytes(UTF_8)));

        assertEquals("md54a0a68b43b6cd5cf266fa02f196e2371", independent); // Python: md5(b"secretalice")
        assertEquals(independent, Md5Password.encrypt("secret", "alice"));
        // PostgreSQL 15 stored this for CREATE ROLE r_md5 PASSWORD 'secret' with password_encryption = md5.
        assertEquals("md5a940442cfc018cbb4c37d2492eb1c1c0", Md5Password.encrypt("secret", "r_md5"));
    }

    @Test
    void responseFromClearTextEqualsResponseFromTheStoredHash() {
        String fromClearText = Md5Password.response("secret", "alice", SALT);

        assertEquals("md598a0412b9c31436fc53776e863350083", fromClearText); // computed with Python hashlib
        assertEquals(fromClearText, Md5Password.response("md54a0a68b43b6cd5cf266fa02f196e2371", "alice", SALT));
        assertEquals(fromClearText, Md5Password.response("md54a0a68b43b6cd5cf266fa02f196e2371", "other", SALT),
                "a stored hash already holds the user name");
    }

    @Test
    void verifyAcceptsTheRightAnswerAndRejectsWrongOnes() {
        String answer = Md5Password.response("secret", "alice", SALT);

        for (String stored : new String[] {"secret", "md54a0a68b43b6cd5cf266fa02f196e2371"}) {
            assertTrue(Md5Password.verify(stored, "alice", SALT, answer));
            assertFalse(Md5Password.verify(stored, "alice", SALT, Md5Password.response("Secret", "alice", SALT)));
            assertFalse(Md5Password.verify(stored, "alice", new byte[] {1, 2, 3, 5}, answer), "a replayed answer");
            assertFalse(Md5Password.verify(stored, "alice", SALT, "md54a0a68b43b6cd5cf266fa02f196e2371"),
                    "the stored hash itself is not an answer");
            assertFalse(Md5Password.verify(stored, "alice", SALT, ""));
            assertFalse(Md5Password.verify(stored, "alice", SALT, null));
        }
    }

    @Test
    void clearTextIsHashedWithTheUserName() {
        String answer = Md5Password.response("secret", "alice", SALT);

        assertFalse(Md5Password.verify("secret", "bob", SALT, answer));
        assertTrue(Md5Password.verify("secret", "bob", SALT, Md5Password.response("secret", "bob", SALT)));
    }

    @Test
    void scramVerifierCannotTakePartInAnMd5Exchange() {
        String verifier = ScramVerifier.fromPassword("secret").toStoredForm();

        String answerUsingTheVerifierAsClearText =
                Md5Password.response(Md5Password.encrypt(verifier, "alice"), "alice", SALT);

        assertFalse(Md5Password.verify(verifier, "alice", SALT, answerUsingTheVerifierAsClearText),
                "knowing the verifier must not be enough to log in");
        assertFalse(Md5Password.verify(verifier, "alice", SALT, Md5Password.response("secret", "alice", SALT)));
        assertThrows(IllegalArgumentException.class, () -> Md5Password.response(verifier, "alice", SALT));
        assertThrows(IllegalArgumentException.class, () -> Md5Password.response("secret", "alice", new byte[3]));
    }

    @Test
    void recognisesStoredHashesAsPostgresqlDoes() {
        assertTrue(Md5Password.isMd5Hash("md54a0a68b43b6cd5cf266fa02f196e2371"));
        assertFalse(Md5Password.isMd5Hash("md54A0A68B43B6CD5CF266FA02F196E2371"), "uppercase hex is clear text");
        assertFalse(Md5Password.isMd5Hash("md54a0a68b43b6cd5cf266fa02f196e237"));
        assertFalse(Md5Password.isMd5Hash("md5-clear-text-password-of-35-chars"));
        assertFalse(Md5Password.isMd5Hash(null));
    }

    /** Pgpool-II's own tool, when installed: {@code pg_md5 -m -u USER PASSWORD} writes the pool_passwd entry. */
    @Test
    void encryptAgreesWithPgpoolsPgMd5(@TempDir Path dir) throws Exception {
        Path pgMd5 = Path.of("/usr/sbin/pg_md5");
        assumeTrue(Files.isExecutable(pgMd5), "pg_md5 is not installed");
        Path poolPasswd = dir.resolve("pool_passwd");
        Path conf = Files.writeString(dir.resolve("pgpool.conf"), "pool_passwd = '" + poolPasswd + "'\n");

        Process process = new ProcessBuilder(pgMd5.toString(), "-m", "-f", conf.toString(), "-u", "alice", "secret")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "pg_md5 did not finish");
        assertEquals(0, process.exitValue(), () -> "pg_md5 failed: " + read(dir.resolve("out")));

        assertEquals("alice:" + Md5Password.encrypt("secret", "alice"), Files.readString(poolPasswd).strip());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
