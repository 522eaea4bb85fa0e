package io.raftpool.proxy.auth;

import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCRAM-SHA-256 password verifier in PostgreSQL's stored form,
 * {@code SCRAM-SHA-256$<iterations>:<salt b64>$<StoredKey b64>:<ServerKey b64>} (what {@code pg_authid.rolpassword}
 * and pool_passwd hold). It lets a server check a client's proof without knowing the password, but it is still
 * secret: with it, a password can be attacked offline. {@link #toString()} therefore shows only the iteration count.
 *
 * <p>Passwords are prepared with SASLprep, falling back to the raw UTF-8 bytes as PostgreSQL does; see
 * {@link SaslPrep} for what that means for non-ASCII passwords.
 */
public final class ScramVerifier {
    /** PostgreSQL's default iteration count ({@code scram_iterations}). */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** PostgreSQL's salt length, in bytes. */
    public static final int DEFAULT_SALT_LENGTH = 16;

    private static final String SCHEME = "SCRAM-SHA-256";
    private static final Pattern STORED_FORM =
            Pattern.compile("SCRAM-SHA-256\\$([0-9]{1,10}):([^$:]+)\\$([^$:]+):([^$:]+)");

    private final int iterations;
    private final byte[] salt;
    private final byte[] storedKey;
    private final byte[] serverKey;

    private ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
        this.iterations = iterations;
        this.salt = salt;
        this.storedKey = storedKey;
        this.serverKey = serverKey;
    }

    /**
     * Parses PostgreSQL's stored form.
     *
     * @throws IllegalArgumentException if {@code stored} is not a valid SCRAM-SHA-256 verifier (the message never
     *     repeats the input)
     */
    public static ScramVerifier parse(String stored) {
        Matcher m = STORED_FORM.matcher(Objects.requireNonNull(stored, "stored"));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier of the form " + SCHEME
                    + "$<iterations>:<salt>$<StoredKey>:<ServerKey>");
        }
        long iterations = Long.parseLong(m.group(1));
        byte[] salt = ScramCrypto.decodeBase64OrNull(m.group(2));
        byte[] storedKey = ScramCrypto.decodeBase64OrNull(m.group(3));
        byte[] serverKey = ScramCrypto.decodeBase64OrNull(m.group(4));
        if (iterations < 1 || iterations > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SCRAM verifier has an invalid iteration count");
        }
        if (salt == null || salt.length == 0) {
            throw new IllegalArgumentException("SCRAM verifier has an invalid salt");
        }
        if (!isKey(storedKey) || !isKey(serverKey)) {
            throw new IllegalArgumentException("SCRAM verifier has an invalid StoredKey or ServerKey");
        }
        return new ScramVerifier((int) iterations, salt, storedKey, serverKey);
    }

    /** Whether {@code stored} is a well-formed SCRAM-SHA-256 verifier that {@link #parse} accepts. */
    public static boolean isVerifier(String stored) {
        if (stored == null) {
            return false;
        }
        try {
            parse(stored);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Derives the verifier of {@code password} for the given salt and iteration count (the work is linear in
     * {@code iterations}).
     *
     * @throws IllegalArgumentException if the salt is empty or {@code iterations} is not positive
     */
    public static ScramVerifier fromPassword(String password, byte[] salt, int iterations) {
        Objects.requireNonNull(password, "password");
        if (salt.length == 0) {
            throw new IllegalArgumentException("salt must not be empty");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iteration count must be positive");
        }
        byte[] saltedPassword = ScramCrypto.saltedPassword(SaslPrep.prepare(password), salt, iterations);
        byte[] clientKey = ScramCrypto.clientKey(saltedPassword);
        ScramVerifier verifier = new ScramVerifier(iterations, salt.clone(), ScramCrypto.sha256(clientKey),
                ScramCrypto.serverKey(saltedPassword));
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        return verifier;
    }

    /** Derives a verifier as PostgreSQL does for a new password: a random 16-byte salt and 4096 iterations. */
    public static ScramVerifier fromPassword(String password) {
        return fromPassword(password, ScramCrypto.randomBytes(DEFAULT_SALT_LENGTH), DEFAULT_ITERATIONS);
    }

    /**
     * Whether {@code password} is the password this verifier was made from, in constant time. For a client that
     * sends a clear-text password when a SCRAM verifier is stored (PostgreSQL's {@code scram_verify_plain_password}).
     */
    public boolean matchesPassword(String password) {
        byte[] saltedPassword = ScramCrypto.saltedPassword(SaslPrep.prepare(password), salt, iterations);
        byte[] computedServerKey = ScramCrypto.serverKey(saltedPassword);
        Arrays.fill(saltedPassword, (byte) 0);
        return ScramCrypto.constantTimeEquals(computedServerKey, serverKey);
    }

    /** PostgreSQL's stored form, {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}; it is secret. */
    public String toStoredForm() {
        return SCHEME + "$" + iterations + ":" + ScramCrypto.base64(salt) + "$" + ScramCrypto.base64(storedKey)
                + ":" + ScramCrypto.base64(serverKey);
    }

    /** The iteration count. */
    public int iterations() {
        return iterations;
    }

    /** A copy of the salt. */
    public byte[] salt() {
        return salt.clone();
    }

    byte[] storedKey() {
        return storedKey;
    }

    byte[] serverKey() {
        return serverKey;
    }

    /** Shows the scheme and the iteration count only, never the salt or keys. */
    @Override
    public String toString() {
        return "ScramVerifier[" + SCHEME + ", iterations=" + iterations + "]";
    }

    private static boolean isKey(byte[] key) {
        return key != null && key.length == ScramCrypto.KEY_LENGTH;
    }
}
