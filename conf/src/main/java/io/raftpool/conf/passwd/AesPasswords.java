package io.raftpool.conf.passwd;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encryption of {@code pg_enc}: AES-256-CBC with PKCS#7 padding, the key and IV derived from the
 * passphrase as OpenSSL's EVP_BytesToKey does with SHA-1, no salt and one round: the digests
 * SHA1(pass), SHA1(previous digest + pass), ... are concatenated, the first 32 bytes being the key and
 * the next 16 the IV. Without salt the same passphrase and password always give the same ciphertext.
 */
final class AesPasswords {
    private static final int KEY_LENGTH = 32;
    private static final int IV_LENGTH = 16;

    private final SecretKeySpec key;
    private final IvParameterSpec iv;

    AesPasswords(byte[] passphrase) {
        byte[] material = bytesToKey(passphrase);
        this.key = new SecretKeySpec(material, 0, KEY_LENGTH, "AES");
        this.iv = new IvParameterSpec(material, KEY_LENGTH, IV_LENGTH);
        Arrays.fill(material, (byte) 0);
    }

    static byte[] bytesToKey(byte[] passphrase) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] material = new byte[KEY_LENGTH + IV_LENGTH];
            byte[] previous = new byte[0];
            for (int filled = 0; filled < material.length; ) {
                sha1.update(previous);
                sha1.update(passphrase);
                previous = sha1.digest();
                int n = Math.min(previous.length, material.length - filled);
                System.arraycopy(previous, 0, material, filled, n);
                filled += n;
            }
            return material;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    byte[] encrypt(byte[] clear) {
        try {
            return cipher(Cipher.ENCRYPT_MODE).doFinal(clear);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC encryption failed", e);
        }
    }

    /** The clear bytes, or {@code null} if the padding shows a wrong key or damaged data. */
    byte[] decrypt(byte[] encrypted) {
        Cipher cipher = cipher(Cipher.DECRYPT_MODE);
        try {
            return cipher.doFinal(encrypted);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            return null;
        }
    }

    private Cipher cipher(int mode) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, key, iv);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }
}
