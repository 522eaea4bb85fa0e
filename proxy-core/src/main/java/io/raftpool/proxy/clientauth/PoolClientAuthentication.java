package io.raftpool.proxy.clientauth;

import io.netty.channel.Channel;
import io.raftpool.conf.hba.AuthMethod;
import io.raftpool.conf.hba.ConnectionType;
import io.raftpool.conf.hba.HbaRule;
import io.raftpool.conf.hba.HbaRules;
import io.raftpool.conf.passwd.PoolKey;
import io.raftpool.conf.passwd.PoolPasswd;
import io.raftpool.conf.passwd.PoolPasswdEntry;
import io.raftpool.proxy.PasswordSource;
import io.raftpool.proxy.backend.BackendCredentials;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import io.raftpool.proxy.protocol.StartupRequest.StartupMessage;
import io.raftpool.proxy.session.AuthExchange;
import io.raftpool.proxy.session.ClientAuthentication;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * Client authentication as Pgpool-II 4.3 does it. With enable_pool_hba, the first matching pool_hba.conf
 * line picks the method; without it, a user found in pool_passwd is asked for SCRAM-SHA-256 (when its
 * clear-text password is known) or md5, and any other user is let through to the backends' own check.
 * Passwords are checked against pool_passwd; where pool_passwd has no entry and
 * allow_clear_text_frontend_auth is on, the client is asked for its password in clear text, which then
 * logs the session in to the backends.
 */
public final class PoolClientAuthentication implements ClientAuthentication, PasswordSource {

    private final HbaRules hba;
    private final PoolPasswd passwd;
    private final PoolKey key;
    private final boolean allowClearText;

    /**
     * @param hba            the pool_hba.conf rules, or null when enable_pool_hba is off
     * @param passwd         pool_passwd (possibly empty)
     * @param key            the key for AES entries, or null
     * @param allowClearText allow_clear_text_frontend_auth
     */
    public PoolClientAuthentication(HbaRules hba, PoolPasswd passwd, PoolKey key, boolean allowClearText) {
        this.hba = hba;
        this.passwd = passwd;
        this.key = key;
        this.allowClearText = allowClearText;
    }

    @Override
    public AuthExchange begin(Channel client, StartupMessage startup, boolean ssl) {
        String user = startup.user();
        Optional<PoolPasswdEntry> entry = passwd.lookup(user);
        StoredPassword stored = new StoredPassword(user, entry.orElse(null), key);
        try {
            AuthMethod method = method(client.remoteAddress(), startup, ssl, entry.isPresent(), stored);
            return PasswordExchange.start(client, user, method, stored, allowClearText);
        } catch (PgException e) {
            return PasswordExchange.failed(e);
        }
    }

    private AuthMethod method(SocketAddress remote, StartupMessage startup, boolean ssl, boolean known,
            StoredPassword stored) {
        if (hba == null) {
            if (!known) {
                return allowClearText ? AuthMethod.PASSWORD : AuthMethod.TRUST;
            }
            return stored.clearText() != null || stored.scramVerifier() != null ? AuthMethod.SCRAM_SHA_256
                    : AuthMethod.MD5;
        }
        InetAddress address = remote instanceof InetSocketAddress isa ? isa.getAddress() : null;
        ConnectionType type = address == null ? ConnectionType.LOCAL : ConnectionType.host(ssl);
        HbaRule rule = hba.match(type, address, startup.database(), startup.user()).orElseThrow(() ->
                PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "no pool_hba.conf entry for "
                        + where(address) + "user \"" + startup.user() + "\", database \"" + startup.database()
                        + "\"" + (address == null ? "" : ssl ? ", SSL on" : ", SSL off")));
        if (rule.method() == AuthMethod.REJECT) {
            throw PgException.fatal(SqlState.INVALID_AUTHORIZATION_SPECIFICATION, "pool_hba.conf rejects connection "
                    + "for " + where(address) + "user \"" + startup.user() + "\", database \"" + startup.database()
                    + "\"" + (address == null ? "" : ssl ? ", SSL on" : ", SSL off"));
        }
        return rule.method();
    }

    private static String where(InetAddress address) {
        return address == null ? "" : "host \"" + address.getHostAddress() + "\", ";
    }

    @Override
    public BackendCredentials credentialsFor(String user, String configured) {
        if (configured != null && !configured.isEmpty()) {
            return new BackendCredentials(user, configured, null);
        }
        StoredPassword stored = new StoredPassword(user, passwd.lookup(user).orElse(null), key);
        return stored.credentials(null);
    }
}
