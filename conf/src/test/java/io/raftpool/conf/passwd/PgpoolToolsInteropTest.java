package io.raftpool.conf.passwd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the encryption and hashing against the real Pgpool-II tools, when they are installed. The
 * {@code -m} runs write to a pool_passwd in a temporary directory, named by a temporary pgpool.conf.
 */
class PgpoolToolsInteropTest {
    private static final Path PG_ENC = Path.of("/usr/sbin/pg_enc");
    private static final Path PG_MD5 = Path.of("/usr/sbin/pg_md5");
    private static final List<String> PASSWORDS = List.of("secret", "exactly16bytes!!",
            "a much longer password with spaces, $igns & 'quotes' of 60 bytes");

    @TempDir
    Path dir;

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertEquals(true, process.waitFor(60, TimeUnit.SECONDS), "the tool did not finish");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + text);
        return text.lines().toList();
    }

    private Path keyFile(String passphrase) throws IOException {
        Path file = dir.resolve("pgpoolkey");
        Files.writeString(file, passphrase + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** A pgpool.conf whose pool_passwd is an empty file next to it, as {@code pg_md5 -m}/{@code pg_enc -m} need. */
    private Path pgpoolConf() throws IOException {
        Files.writeString(dir.resolve("pool_passwd"), "");
        return Files.writeString(dir.resolve("pgpool.conf"), "pool_passwd = 'pool_passwd'\n");
    }

    @Test
    void poolKeyAgreesWithPgEncBothWays() throws Exception {
        assumeTrue(Files.isExecutable(PG_ENC), "Pgpool-II's pg_enc is not installed");
        Path keyFile = keyFile("interop key 42");
        PoolKey key = PoolKey.load(keyFile).orThrow();
        for (String password : PASSWORDS) {
            String prefix = "pool_passwd string: ";
            List<String> stored = run(PG_ENC.toString(), "-k", keyFile.toString(), password).stream()
                    .filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
            assertEquals(1, stored.size(), "pg_enc printed no pool_passwd string");
            assertEquals(password, key.decrypt(stored.get(0)));
            assertEquals(stored.get(0), key.encrypt(password));
        }
    }

    @Test
    void readsAPoolPasswdWrittenByPgEncAndPgMd5() throws Exception {
        assumeTrue(Files.isExecutable(PG_ENC) && Files.isExecutable(PG_MD5), "Pgpool-II's tools are not installed");
        Path conf = pgpoolConf();
        Path keyFile = keyFile("another key");
        run(PG_ENC.toString(), "-m", "-k", keyFile.toString(), "-f", conf.toString(), "-u", "alice", "alice's pw");
        run(PG_MD5.toString(), "-m", "-f", conf.toString(), "-u", "bob", "bob's pw");
        run(PG_ENC.toString(), "-m", "-k", keyFile.toString(), "-f", conf.toString(), "-u", "carol", "x");
        PoolPasswdLoadResult result = PoolPasswdFile.load(dir.resolve("pool_passwd"));
        assertEquals(List.of(), result.problems());
        PoolPasswd passwd = result.orThrow();
        PoolKey key = PoolKey.load(keyFile).orThrow();
        assertEquals("alice's pw", passwd.lookup("alice").orElseThrow().clearText(key).orElseThrow());
        assertEquals("x", passwd.lookup("carol").orElseThrow().clearText(key).orElseThrow());
        PoolPasswdEntry bob = passwd.lookup("bob").orElseThrow();
        assertEquals(PasswordKind.MD5, bob.kind());
        assertEquals(Md5Passwords.poolPasswdMd5("bob", "bob's pw"), bob.stored());
    }

    @Test
    void md5HelperAgreesWithPgMd5() throws Exception {
        assumeTrue(Files.isExecutable(PG_MD5), "Pgpool-II's pg_md5 is not installed");
        List<String> hashes = new ArrayList<>();
        for (String password : PASSWORDS) {
            List<String> output = run(PG_MD5.toString(), password);
            hashes.add(output.get(output.size() - 1));
        }
        assertEquals(PASSWORDS.stream().map(Md5Passwords::md5Hex).toList(), hashes);
    }
}
