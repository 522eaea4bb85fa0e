package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.backend.BackendCredentials;
import java.util.concurrent.CompletableFuture;

/**
 * One client's authentication in progress: it writes its requests (AuthenticationMD5Password, SASL, ...)
 * to the client and reads the answers. It completes with what the proxy then knows of the user's password,
 * or exceptionally with the PgException to send (28P01 and friends).
 */
public interface AuthExchange {

    /** Completes when the client is authenticated (AuthenticationOk not yet sent). */
    CompletableFuture<BackendCredentials> result();

    /** A PasswordMessage, SASLInitialResponse or SASLResponse from the client; the exchange releases it. */
    void onPasswordMessage(ByteBuf frame);
}
