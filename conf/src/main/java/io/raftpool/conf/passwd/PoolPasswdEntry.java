package io.raftpool.conf.passwd;

import java.util.Objects;
import java.util.Optional;

/**
 * One user of pool_passwd. {@link #toString()} shows the user and the kind of password, never the
 * password, hash or ciphertext.
 *
 * @param user   the user name
 * @param kind   how the password is stored
 * @param stored the password field as stored, prefix included ({@code md5...}, {@code AES...},
 *               {@code TEXT...}, {@code SCRAM-SHA-256$...}, or the plain password); MD5 hex digits are
 *               in lower case
 */
public record PoolPasswdEntry(String user, PasswordKind kind, String stored) {

    public PoolPasswdEntry {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(stored, "stored");
    }

    /** The clear-text password of a {@link PasswordKind#TEXT} or {@link PasswordKind#PLAIN} entry. */
    public Optional<String> clearText() {
        return switch (kind) {
            case TEXT -> Optional.of(stored.substring("TEXT".length()));
            case PLAIN -> Optional.of(stored);
            default -> Optional.empty();
        };
    }

    /**
     * The clear-text password of a {@code TEXT}, plain or {@code AES} entry, decrypting the latter with
     * {@code key}; empty for {@code md5} and SCRAM entries, whose password cannot be recovered.
     *
     * @throws PasswordDecryptionException if {@code key} cannot decrypt an {@code AES} entry
     */
    public Optional<String> clearText(PoolKey key) {
        if (kind != PasswordKind.AES) {
            return clearText();
        }
        Objects.requireNonNull(key, "key");
        try {
            return Optional.of(key.decrypt(stored));
        } catch (PasswordDecryptionException e) {
            throw new PasswordDecryptionException("cannot decrypt the password of user \"" + user
                    + "\": wrong key or corrupted AES entry");
        }
    }

    /** {@code PoolPasswdEntry[user=alice, kind=AES]}: no secret. */
    @Override
    public String toString() {
        return "PoolPasswdEntry[user=" + user + ", kind=" + kind + "]";
    }
}
