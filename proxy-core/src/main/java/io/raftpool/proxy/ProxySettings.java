package io.raftpool.proxy;

import io.raftpool.conf.Choices.LoadBalanceOnWrite;
import io.raftpool.conf.Config;
import io.raftpool.conf.Params;
import java.time.Duration;
import java.util.List;

/**
 * The settings the proxy runs with, read once from the configuration.
 *
 * @param listenAddresses          listen_addresses, split on commas ('*' for all)
 * @param port                     port
 * @param socketDir                socket_dir, where .s.PGSQL.port is created; empty for none
 * @param numInitChildren          num_init_children: the most concurrent client sessions
 * @param reservedConnections      reserved_connections: over num_init_children minus these, refuse
 * @param maxPool                  max_pool
 * @param connectionCache          connection_cache
 * @param connectionLifeTime       connection_life_time (zero: forever)
 * @param childLifeTime            child_life_time: idle pooled connections are closed after this
 * @param childMaxConnections      child_max_connections: a pooled connection serves at most this many sessions
 * @param clientIdleLimit          client_idle_limit (zero: none)
 * @param authenticationTimeout    authentication_timeout
 * @param connectTimeout           connect_timeout to backends
 * @param resetQueries             reset_query_list
 * @param loadBalanceMode          load_balance_mode
 * @param statementLevelLoadBalance statement_level_load_balance
 * @param disableLoadBalanceOnWrite disable_load_balance_on_write
 * @param writeFunctions           write_function_list
 * @param readOnlyFunctions        read_only_function_list
 * @param primaryRoutingPatterns   primary_routing_query_pattern_list
 * @param allowSqlComments         allow_sql_comments
 * @param srCheckPeriod            sr_check_period
 * @param srCheckUser              sr_check_user
 * @param srCheckPassword          sr_check_password
 * @param srCheckDatabase          sr_check_database
 * @param maxMessageSize           max_message_size: the largest protocol message accepted
 * @param maxStartupPacketSize     max_startup_packet_size: the largest startup packet accepted
 * @param ssl                      ssl: offer TLS to clients
 * @param sslCert                  ssl_cert, PEM certificate chain
 * @param sslKey                   ssl_key, PEM private key (PKCS#8)
 */
public record ProxySettings(List<String> listenAddresses, int port, String socketDir, int numInitChildren,
        int reservedConnections, int maxPool, boolean connectionCache, Duration connectionLifeTime,
        Duration childLifeTime, int childMaxConnections, Duration clientIdleLimit, Duration authenticationTimeout,
        Duration connectTimeout, List<String> resetQueries, boolean loadBalanceMode,
        boolean statementLevelLoadBalance, LoadBalanceOnWrite disableLoadBalanceOnWrite,
        List<String> writeFunctions, List<String> readOnlyFunctions, List<String> primaryRoutingPatterns,
        boolean allowSqlComments, Duration srCheckPeriod, String srCheckUser, String srCheckPassword,
        String srCheckDatabase, int maxMessageSize, int maxStartupPacketSize, boolean ssl, String sslCert,
        String sslKey) {

    /** Reads the proxy's settings from a loaded configuration. */
    public static ProxySettings from(Config c) {
        List<String> listen = List.of(c.get(Params.LISTEN_ADDRESSES).split(",")).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new ProxySettings(listen, c.get(Params.PORT), c.get(Params.SOCKET_DIR),
                c.get(Params.NUM_INIT_CHILDREN), c.get(Params.RESERVED_CONNECTIONS), c.get(Params.MAX_POOL),
                c.get(Params.CONNECTION_CACHE), c.get(Params.CONNECTION_LIFE_TIME), c.get(Params.CHILD_LIFE_TIME),
                c.get(Params.CHILD_MAX_CONNECTIONS), c.get(Params.CLIENT_IDLE_LIMIT),
                c.get(Params.AUTHENTICATION_TIMEOUT), c.get(Params.CONNECT_TIMEOUT), c.get(Params.RESET_QUERY_LIST),
                c.get(Params.LOAD_BALANCE_MODE), c.get(Params.STATEMENT_LEVEL_LOAD_BALANCE),
                c.get(Params.DISABLE_LOAD_BALANCE_ON_WRITE), c.get(Params.WRITE_FUNCTION_LIST),
                c.get(Params.READ_ONLY_FUNCTION_LIST), c.get(Params.PRIMARY_ROUTING_QUERY_PATTERN_LIST),
                c.get(Params.ALLOW_SQL_COMMENTS), c.get(Params.SR_CHECK_PERIOD), c.get(Params.SR_CHECK_USER),
                c.get(Params.SR_CHECK_PASSWORD), c.get(Params.SR_CHECK_DATABASE), Math.toIntExact(c.get(Params.MAX_MESSAGE_SIZE)),
                Math.toIntExact(c.get(Params.MAX_STARTUP_PACKET_SIZE)), c.get(Params.SSL), resolve(c, c.get(Params.SSL_CERT)),
                resolve(c, c.get(Params.SSL_KEY)));
    }

    /** A relative file name in pgpool.conf is relative to the directory of pgpool.conf. */
    private static String resolve(Config c, String file) {
        if (file.isEmpty() || c.file() == null) {
            return file;
        }
        return c.file().getParent().resolve(file).toString();
    }

    /** How long a pooled connection may stay idle before it is closed; zero for no limit. */
    public Duration pooledIdleLimit() {
        Duration a = connectionLifeTime;
        Duration b = childLifeTime;
        if (a.isZero()) {
            return b;
        }
        if (b.isZero()) {
            return a;
        }
        return a.compareTo(b) < 0 ? a : b;
    }

    /** The most sessions served at once before new ones are refused (reserved_connections) or wait. */
    public int sessionLimit() {
        return reservedConnections > 0 ? Math.max(1, numInitChildren - reservedConnections) : numInitChildren;
    }

    @Override
    public String toString() {
        return "ProxySettings[port=" + port + ", listen=" + listenAddresses + ", srCheckUser=" + srCheckUser
                + ", srCheckPassword=" + (srCheckPassword.isEmpty() ? "" : "********") + "]";
    }
}
