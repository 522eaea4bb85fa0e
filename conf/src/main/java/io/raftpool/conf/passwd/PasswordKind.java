package io.raftpool.conf.passwd;

/** How a pool_passwd entry stores its password, told apart by its prefix as Pgpool-II does. */
public enum PasswordKind {
    /** {@code md5} and 32 hex digits: the MD5 of the password followed by the user name, as PostgreSQL stores it. */
    MD5,
    /** {@code AES} and base64: the password encrypted with the pool key ({@code pg_enc}). */
    AES,
    /** {@code TEXT} and the password in clear. */
    TEXT,
    /** {@code SCRAM-SHA-256$...}: a PostgreSQL SCRAM verifier. */
    SCRAM_SHA_256,
    /** Anything else: the password in clear. */
    PLAIN
}
