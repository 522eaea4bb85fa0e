package io.raftpool.conf.passwd;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * The pool key: the passphrase that encrypts the {@code AES} passwords of pool_passwd, compatible with
 * Pgpool-II's {@code pg_enc}. It is the first line of the key file named by the environment variable
 * {@code PGPOOLKEYFILE}, or of {@code ~/.pgpoolkey}. The passphrase never appears in messages or
 * {@link #toString()}.
 */
public final class PoolKey {
    /** The environment variable naming the key file. */
    public static final String KEY_FILE_ENV = "PGPOOLKEYFILE";
    /** The key file's name in the home directory when the variable is not set. */
    public static final String DEFAULT_KEY_FILE_NAME = ".pgpoolkey";
    /** What every stored encrypted password starts with. */
    public static final String AES_PREFIX = "AES";

    private final AesPasswords aes;
    private final String origin;

    private PoolKey(byte[] passphrase, String origin) {
        this.aes = new AesPasswords(passphrase);
        this.origin = origin;
    }

    static PoolKey fromBytes(byte[] passphrase, Path file) {
        return new PoolKey(passphrase, "file " + file);
    }

    /** A key with the given passphrase (its UTF-8 bytes), as {@code pg_enc -K passphrase} takes it. */
    public static PoolKey ofPassphrase(String passphrase) {
        return new PoolKey(passphrase.getBytes(StandardCharsets.UTF_8), "a passphrase given in code");
    }

    /** Reads the key from {@code keyFile}; a missing, empty or unreadable file is an error problem. */
    public static PoolKeyLoadResult load(Path keyFile) {
        return KeyFileReader.read(keyFile);
    }

    /** Reads the key from {@link #defaultKeyFile()}. */
    public static PoolKeyLoadResult loadDefault() {
        return load(defaultKeyFile());
    }

    /** The key file Pgpool-II uses: {@code $PGPOOLKEYFILE} if set and not empty, else {@code ~/.pgpoolkey}. */
    public static Path defaultKeyFile() {
        return defaultKeyFile(System.getenv(), System.getProperty("user.home"));
    }

    static Path defaultKeyFile(Map<String, String> environment, String homeDirectory) {
        String fromEnvironment = environment.get(KEY_FILE_ENV);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(homeDirectory, DEFAULT_KEY_FILE_NAME);
    }

    /**
     * Encrypts {@code clearText} the way {@code pg_enc} does, giving the pool_passwd form
     * {@code AES<base64>} (the same output each time for the same key and password).
     */
    public String encrypt(String clearText) {
        Objects.requireNonNull(clearText, "clearText");
        return AES_PREFIX + Base64.getEncoder().encodeToString(aes.encrypt(clearText.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Decrypts a stored {@code AES<base64>} password.
     *
     * @throws PasswordDecryptionException if the text is not an AES entry, or this key cannot decrypt it
     */
    public String decrypt(String aesEntry) {
        Objects.requireNonNull(aesEntry, "aesEntry");
        if (!aesEntry.startsWith(AES_PREFIX)) {
            throw new PasswordDecryptionException("cannot decrypt: an encrypted password starts with \"AES\"");
        }
        byte[] encrypted;
        try {
            encrypted = Base64.getDecoder().decode(aesEntry.substring(AES_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new PasswordDecryptionException("cannot decrypt: the text after \"AES\" is not valid base64");
        }
        byte[] clear = aes.decrypt(encrypted);
        if (clear == null) {
            throw new PasswordDecryptionException("cannot decrypt: wrong key or corrupted AES entry");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(clear)).toString();
        } catch (CharacterCodingException e) {
            throw new PasswordDecryptionException("cannot decrypt: wrong key or corrupted AES entry");
        }
    }

    /** Where the key came from; never the passphrase. */
    @Override
    public String toString() {
        return "PoolKey[from " + origin + "]";
    }
}
