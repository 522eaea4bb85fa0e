package io.raftpool.conf.hba;

/** How a client reached the proxy, as pool_hba.conf rules distinguish it. */
public enum ConnectionType {
    /** A Unix-domain socket. */
    LOCAL,
    /** TCP/IP without SSL. */
    HOST,
    /** TCP/IP with SSL. */
    HOST_SSL;

    /** The TCP/IP connection type, with or without SSL. */
    public static ConnectionType host(boolean ssl) {
        return ssl ? HOST_SSL : HOST;
    }
}
