package io.raftpool.proxy.session;

import io.netty.channel.Channel;
import io.raftpool.proxy.protocol.StartupRequest.StartupMessage;

/** Authenticates clients: decides the method (pool_hba.conf) and runs the exchange. */
public interface ClientAuthentication {

    /**
     * Starts authenticating a client.
     *
     * @param client  the client's channel, to write requests to
     * @param startup its StartupMessage
     * @param ssl     whether the connection is encrypted
     */
    AuthExchange begin(Channel client, StartupMessage startup, boolean ssl);
}
