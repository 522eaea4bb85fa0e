package io.raftpool.conf.passwd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raftpool.conf.ConfigProblem;

class PoolKeyTest {

    private static Path keyFile(Path dir, byte[] content, String permissions) throws Exception {
        Path file = dir.resolve("pgpoolkey");
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static List<String> messages(PoolKeyLoadResult result) {
        return result.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void bytesToKeyIsOpensslsSha1DerivationWithoutSalt() {
        // D1 = SHA1("mykey"), D2 = SHA1(D1 + "mykey"), D3 = SHA1(D2 + "mykey"); key+IV = first 48 bytes.
        byte[] material = AesPasswords.bytesToKey("mykey".getBytes(StandardCharsets.UTF_8));
        assertArrayEquals(HexFormat.of().parseHex("816cc20437d859538736e1ef46558b7bda486c06"
                + "6d42ff28d8124bf893ff1e60" + "36397b6880a6982fef028c3beec074e3"), material);
    }

    @Test
    void encryptsExactlyAsPgEncDoes() {
        // Outputs of pg_enc 4.3.5 (-k with a key file whose first line is the passphrase).
        assertEquals("AESV7IMV7YNworqqZU1Z46Wgw==", PoolKey.ofPassphrase("mykey").encrypt("secret"));
        assertEquals("AESusUl+sJB8NTGklVZKnG09g==", PoolKey.ofPassphrase("").encrypt("secret"));
        assertEquals("AESkplc5DUOfqUFnYuhjaWWdg==", PoolKey.ofPassphrase("abc\r").encrypt("secret"));
    }

    @Test
    void decryptsWhatItEncrypts() {
        PoolKey key = PoolKey.ofPassphrase("a long passphrase with spaces");
        for (String password : List.of("", "x", "exactly16bytes!!", "päss wörd with ünïcode and more than 32 bytes")) {
            assertEquals(password, key.decrypt(key.encrypt(password)));
        }
    }

    @Test
    void aWrongKeyOrDamagedEntryGivesAClearErrorWithoutSecrets() {
        String stored = PoolKey.ofPassphrase("right").encrypt("topsecret");
        PasswordDecryptionException wrongKey = assertThrows(PasswordDecryptionException.class,
                () -> PoolKey.ofPassphrase("wrong").decrypt(stored));
        assertEquals("cannot decrypt: wrong key or corrupted AES entry", wrongKey.getMessage());
        assertThrows(PasswordDecryptionException.class, () -> PoolKey.ofPassphrase("right").decrypt("AESAAAA"));
        assertEquals("cannot decrypt: the text after \"AES\" is not valid base64",
                assertThrows(PasswordDecryptionException.class,
                        () -> PoolKey.ofPassphrase("right").decrypt("AES*")).getMessage());
        assertEquals("cannot decrypt: an encrypted password starts with \"AES\"",
                assertThrows(PasswordDecryptionException.class,
                        () -> PoolKey.ofPassphrase("right").decrypt("md5abc")).getMessage());
    }

    @Test
    void readsTheFirstLineOfTheKeyFile(@TempDir Path dir) throws Exception {
        Path file = keyFile(dir, "mykey\nsecond line\n".getBytes(StandardCharsets.UTF_8), "rw-------");
        PoolKeyLoadResult result = PoolKey.load(file);
        assertEquals(List.of(), result.problems());
        assertEquals("AESV7IMV7YNworqqZU1Z46Wgw==", result.orThrow().encrypt("secret"));
        assertEquals("PoolKey[from file " + file + "]", result.key().toString());
        assertFalse(result.key().toString().contains("mykey"));
    }

    @Test
    void warnsAboutAKeyFileOthersCanRead(@TempDir Path dir) throws Exception {
        Path file = keyFile(dir, "mykey".getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        PoolKeyLoadResult result = PoolKey.load(file);
        assertEquals(List.of(file + ": WARNING: the pool key file can be accessed by its group or by others; allow"
                + " its owner only (chmod 600)"), messages(result));
        assertEquals("secret", result.orThrow().decrypt("AESV7IMV7YNworqqZU1Z46Wgw=="));
    }

    @Test
    void keepsACarriageReturnAndWarns(@TempDir Path dir) throws Exception {
        Path file = keyFile(dir, "abc\r\n".getBytes(StandardCharsets.UTF_8), "rw-------");
        PoolKeyLoadResult result = PoolKey.load(file);
        assertEquals(List.of(file + ":1: WARNING: the first line ends with a carriage return, which is part of the"
                + " passphrase (as in Pgpool-II and pg_enc)"), messages(result));
        assertEquals("AESkplc5DUOfqUFnYuhjaWWdg==", result.orThrow().encrypt("secret"));
    }

    @Test
    void anEmptyFirstLineIsTheEmptyPassphrase(@TempDir Path dir) throws Exception {
        Path file = keyFile(dir, "\nfoo\n".getBytes(StandardCharsets.UTF_8), "rw-------");
        PoolKeyLoadResult result = PoolKey.load(file);
        assertEquals(List.of(file + ":1: WARNING: the first line is empty, so the passphrase is the empty string"
                + " (Pgpool-II and pg_enc use it so too)"), messages(result));
        assertEquals("AESusUl+sJB8NTGklVZKnG09g==", result.orThrow().encrypt("secret"));
    }

    @Test
    void cutsThePassphraseAt255Bytes(@TempDir Path dir) throws Exception {
        String longKey = "k".repeat(300);
        Path file = keyFile(dir, (longKey + "\n").getBytes(StandardCharsets.UTF_8), "rw-------");
        PoolKeyLoadResult result = PoolKey.load(file);
        assertEquals(List.of(file + ":1: WARNING: the passphrase is longer than 255 bytes; like Pgpool-II, only the"
                + " first 255 bytes are used"), messages(result));
        assertEquals(PoolKey.ofPassphrase("k".repeat(255)).encrypt("pw"), result.orThrow().encrypt("pw"));
    }

    @Test
    void missingOrEmptyKeyFilesAreErrors(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nokey");
        assertEquals(List.of(missing + ": ERROR: cannot read the pool key file \"" + missing + "\": no such file;"
                + " create it with the passphrase on its first line, or set PGPOOLKEYFILE"),
                messages(PoolKey.load(missing)));
        Path empty = keyFile(dir, new byte[0], "rw-------");
        PoolKeyLoadResult result = PoolKey.load(empty);
        assertEquals(List.of(empty + ": ERROR: the pool key file \"" + empty + "\" is empty; put the passphrase on"
                + " its first line"), messages(result));
        assertFalse(result.ok());
        assertEquals(List.of(dir + ": ERROR: the pool key file \"" + dir + "\" is not a regular file"),
                messages(PoolKey.load(dir)));
    }

    @Test
    void defaultKeyFileFollowsPgpool() {
        assertEquals(Path.of("/etc/pgpool2/key"),
                PoolKey.defaultKeyFile(Map.of("PGPOOLKEYFILE", "/etc/pgpool2/key"), "/home/pg"));
        assertEquals(Path.of("/home/pg/.pgpoolkey"), PoolKey.defaultKeyFile(Map.of(), "/home/pg"));
        assertTrue(PoolKey.defaultKeyFile().isAbsolute());
    }
}
