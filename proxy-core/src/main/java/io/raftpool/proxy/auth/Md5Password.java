package io.raftpool.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;

/**
 * PostgreSQL's {@code md5} password scheme, both sides of the AuthenticationMD5Password exchange.
 *
 * <p>The stored hash is {@code "md5" + hex(md5(password + user))} (what pg_authid and pool_passwd hold); the answer to
 * a challenge with a 4-byte salt is {@code "md5" + hex(md5(hex(md5(password + user)) + salt))}. Because the answer
 * needs only the inner hash, a proxy that knows just the stored {@code md5...} value can still answer a backend's
 * challenge. Strings are hashed as UTF-8. Clear text from pool_passwd must be stripped of its {@code TEXT} prefix
 * (and AES entries decrypted) by the caller.
 */
public final class Md5Password {
    /** The prefix of a stored hash and of a challenge answer. */
    public static final String PREFIX = "md5";
    /** The length of the challenge salt in AuthenticationMD5Password. */
    public static final int SALT_LENGTH = 4;

    private static final int HASH_LENGTH = 35;
    private static final HexFormat HEX = HexFormat.of();

    private Md5Password() {
    }

    /**
     * Whether {@code stored} is an md5 hash rather than clear text: {@code md5} and 32 lowercase hex digits, the
     * test PostgreSQL's {@code get_password_type()} makes.
     */
    public static boolean isMd5Hash(String stored) {
        if (stored == null || stored.length() != HASH_LENGTH || !stored.startsWith(PREFIX)) {
            return false;
        }
        return stored.chars().skip(PREFIX.length()).allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    /** The stored form of a password: {@code "md5" + hex(md5(password + user))}, as {@code pg_md5 -m} writes it. */
    public static String encrypt(String password, String user) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(user, "user");
        return PREFIX + md5Hex(utf8(password), utf8(user));
    }

    /**
     * The PasswordMessage content answering an AuthenticationMD5Password challenge.
     *
     * @param passwordOrMd5Hash the clear-text password, or its stored {@code md5...} hash (see {@link #isMd5Hash})
     * @param user the user name, as sent in the startup packet
     * @param salt the 4 salt bytes of the challenge
     * @throws IllegalArgumentException if the salt is not 4 bytes, or the password is a SCRAM verifier (which cannot
     *     answer an md5 challenge)
     */
    public static String response(String passwordOrMd5Hash, String user, byte[] salt) {
        Objects.requireNonNull(passwordOrMd5Hash, "passwordOrMd5Hash");
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("an md5 challenge salt is " + SALT_LENGTH + " bytes");
        }
        if (ScramVerifier.isVerifier(passwordOrMd5Hash)) {
            throw new IllegalArgumentException("a SCRAM verifier cannot answer an md5 challenge");
        }
        String stored = isMd5Hash(passwordOrMd5Hash) ? passwordOrMd5Hash : encrypt(passwordOrMd5Hash, user);
        return PREFIX + md5Hex(utf8(stored.substring(PREFIX.length())), salt);
    }

    /**
     * Checks a client's PasswordMessage against what is stored for the user, in constant time, as PostgreSQL's
     * {@code md5_crypt_verify()} does.
     *
     * @param stored the stored {@code md5...} hash or the clear-text password; a SCRAM verifier never matches (an
     *     md5 answer cannot be checked against it, as in PostgreSQL)
     * @param user the user name from the startup packet
     * @param salt the 4 salt bytes sent in the challenge
     * @param clientResponse what the client sent, without the terminating NUL; {@code null} never matches
     * @return whether the client knows the password
     * @throws IllegalArgumentException if the salt is not 4 bytes
     */
    public static boolean verify(String stored, String user, byte[] salt, String clientResponse) {
        if (stored == null || clientResponse == null || ScramVerifier.isVerifier(stored)) {
            return false;
        }
        String expected = response(stored, user, salt);
        return MessageDigest.isEqual(utf8(expected), utf8(clientResponse));
    }

    private static String md5Hex(byte[] first, byte[] second) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(first);
            md5.update(second);
            return HEX.formatHex(md5.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
