package io.raftpool.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SCRAM-SHA-256 primitives of RFC 5802 section 3 (HMAC, H, Hi), constant-time comparison and base64. */
final class ScramCrypto {
    /** The length of every SCRAM-SHA-256 key, proof and signature: the SHA-256 output, 32 bytes. */
    static final int KEY_LENGTH = 32;

    private static final String HMAC = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramCrypto() {
    }

    /** HMAC-SHA-256 of the concatenated {@code data} under {@code key}. */
    static byte[] hmac(byte[] key, byte[]... data) {
        Mac mac = newMac(key);
        for (byte[] part : data) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    /** SHA-256 of {@code data}: RFC 5802's H(). */
    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** RFC 5802's Hi(password, salt, iterations): PBKDF2 with HMAC-SHA-256 and one output block. */
    static byte[] saltedPassword(byte[] preparedPassword, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iteration count must be positive");
        }
        Mac mac = newMac(preparedPassword);
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        Arrays.fill(u, (byte) 0);
        return result;
    }

    static byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, ascii("Client Key"));
    }

    static byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, ascii("Server Key"));
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    /** Compares in time that depends only on the lengths, never on where the arrays differ. */
    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A nonce as PostgreSQL makes them: 18 random bytes, base64-encoded into 24 printable characters. */
    static String randomNonce() {
        return base64(randomBytes(18));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Decodes standard base64, or returns {@code null} when {@code text} is not base64; never throws.
     */
    static byte[] decodeBase64OrNull(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The bytes of a protocol string that is ASCII by construction (or kept byte-for-byte in ISO-8859-1). */
    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // SecretKeySpec refuses an empty key. HMAC pads short keys with zero bytes to the block size, so the
            // empty key and the one-zero-byte key give the same HMAC (RFC 2104 section 2).
            byte[] usableKey = key.length == 0 ? new byte[] {0} : key;
            mac.init(new SecretKeySpec(usableKey, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + HMAC, e);
        }
    }
}
