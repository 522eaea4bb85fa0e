package io.raftpool.proxy.protocol;

import java.util.Map;

/** The untyped first messages of a connection. */
public sealed interface StartupRequest {

    /** SSLRequest: the client asks for TLS before its StartupMessage. */
    record SslRequest() implements StartupRequest {
    }

    /** GSSENCRequest: the client asks for GSSAPI encryption, which raftpool declines. */
    record GssEncRequest() implements StartupRequest {
    }

    /** CancelRequest: cancel the query running in the session with this key. */
    record CancelRequest(int processId, int secretKey) implements StartupRequest {
    }

    /**
     * StartupMessage.
     *
     * @param protocolVersion the requested version (major in the high 16 bits)
     * @param parameters      user, database, application_name, options and other GUCs, in order
     */
    record StartupMessage(int protocolVersion, Map<String, String> parameters) implements StartupRequest {

        /** The user; always present (the decoder rejects a StartupMessage without one). */
        public String user() {
            return parameters.get("user");
        }

        /** The database; defaults to the user name, as in PostgreSQL. */
        public String database() {
            String db = parameters.get("database");
            return db == null || db.isEmpty() ? user() : db;
        }
    }
}
