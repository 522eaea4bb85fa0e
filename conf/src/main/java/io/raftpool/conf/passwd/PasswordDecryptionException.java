package io.raftpool.conf.passwd;

/**
 * An AES-encrypted password could not be decrypted: the pool key is not the one it was encrypted with, or
 * the stored text is damaged. The message never contains the key or any part of the password.
 */
public final class PasswordDecryptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with {@code message}, which must not contain secrets. */
    public PasswordDecryptionException(String message) {
        super(message);
    }
}
