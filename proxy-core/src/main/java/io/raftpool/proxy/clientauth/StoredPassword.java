package io.raftpool.proxy.clientauth;

import io.raftpool.conf.passwd.PasswordDecryptionException;
import io.raftpool.conf.passwd.PasswordKind;
import io.raftpool.conf.passwd.PoolKey;
import io.raftpool.conf.passwd.PoolPasswdEntry;
import io.raftpool.proxy.auth.ScramVerifier;
import io.raftpool.proxy.backend.BackendCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What pool_passwd holds for one user, in the forms authentication needs. */
final class StoredPassword {

    private static final Logger LOG = LoggerFactory.getLogger(StoredPassword.class);

    private final String user;
    private final PoolPasswdEntry entry;
    private final String clearText;

    StoredPassword(String user, PoolPasswdEntry entry, PoolKey key) {
        this.user = user;
        this.entry = entry;
        this.clearText = entry == null ? null : decrypt(entry, key);
    }

    private static String decrypt(PoolPasswdEntry entry, PoolKey key) {
        if (entry.kind() == PasswordKind.AES && key == null) {
            LOG.warn("pool_passwd has an AES password for user \"{}\" but no key file was found "
                    + "(PGPOOLKEYFILE or ~/.pgpoolkey)", entry.user());
            return null;
        }
        try {
            return key == null ? entry.clearText().orElse(null) : entry.clearText(key).orElse(null);
        } catch (PasswordDecryptionException e) {
            LOG.warn("{}", e.getMessage());
            return null;
        }
    }

    boolean exists() {
        return entry != null;
    }

    /** The clear-text password, when pool_passwd holds it as text or AES. */
    String clearText() {
        return clearText;
    }

    /** PostgreSQL's md5 hash of the password, from the entry or computed from the clear text. */
    String md5() {
        if (entry != null && entry.kind() == PasswordKind.MD5) {
            return entry.stored();
        }
        return clearText == null ? null : io.raftpool.proxy.auth.Md5Password.encrypt(clearText, user);
    }

    /** The SCRAM verifier of a SCRAM-SHA-256 entry, or null. */
    ScramVerifier scramVerifier() {
        return entry != null && entry.kind() == PasswordKind.SCRAM_SHA_256 ? ScramVerifier.parse(entry.stored()) : null;
    }

    /** Credentials for the backends: the client's clear-text password if it gave one, else what is stored. */
    BackendCredentials credentials(String fromClient) {
        if (fromClient != null) {
            return new BackendCredentials(user, fromClient, null);
        }
        return new BackendCredentials(user, clearText, clearText == null ? md5() : null);
    }
}
