package io.raftpool.proxy.backend;

/**
 * What the proxy knows of a user's password, to authenticate to a backend as that user.
 *
 * @param user      the user name
 * @param clearText the password in clear text, or null when only a hash is known
 * @param md5Hash   PostgreSQL's {@code md5...} hash of password and user, or null
 */
public record BackendCredentials(String user, String clearText, String md5Hash) {

    public static BackendCredentials none(String user) {
        return new BackendCredentials(user, null, null);
    }

    @Override
    public String toString() {
        return "BackendCredentials[user=" + user + ", clearText=" + (clearText == null ? "none" : "****")
                + ", md5Hash=" + (md5Hash == null ? "none" : "****") + "]";
    }
}
