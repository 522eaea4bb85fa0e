package io.raftpool.proxy.pool;

import java.util.Map;

/**
 * What a pooled backend connection is for: the node and the startup parameters it was opened with (user,
 * database, application_name and the other options). A session reuses a connection only for the same key.
 */
public record PoolKey(int nodeId, Map<String, String> startupParameters) {

    public PoolKey {
        startupParameters = Map.copyOf(startupParameters);
    }

    public String user() {
        return startupParameters.get("user");
    }

    public String database() {
        String db = startupParameters.get("database");
        return db == null ? user() : db;
    }
}
