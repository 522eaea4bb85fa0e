package io.raftpool.proxy;

import io.raftpool.proxy.backend.BackendCredentials;

/** Where the proxy finds a user's password to log in to the backends: pool_passwd, or a configured one. */
public interface PasswordSource {

    /**
     * The credentials to use for user.
     *
     * @param configured a password from pgpool.conf (sr_check_password, health_check_password), or empty
     *                   when pool_passwd should be consulted
     */
    BackendCredentials credentialsFor(String user, String configured);

    /** No pool_passwd: only configured passwords. */
    PasswordSource CONFIGURED_ONLY = (user, configured) -> configured == null || configured.isEmpty()
            ? BackendCredentials.none(user) : new BackendCredentials(user, configured, null);
}
