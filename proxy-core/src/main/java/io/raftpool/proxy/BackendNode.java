package io.raftpool.proxy;

import java.time.Instant;

/**
 * One backend as the proxy sees it at a moment.
 *
 * @param id               node id (N of backend_hostnameN)
 * @param host             host name, IP address, or Unix socket directory (when it starts with '/')
 * @param port             port
 * @param weight           load-balancing weight as configured
 * @param status           attached or not
 * @param role             primary or standby
 * @param lastStatusChange when status or role last changed
 */
public record BackendNode(int id, String host, int port, double weight, BackendStatus status, BackendRole role,
        Instant lastStatusChange) {

    public boolean isPrimary() {
        return role == BackendRole.PRIMARY;
    }

    public boolean isUnixSocket() {
        return host.startsWith("/");
    }

    /** Where to connect: the Unix socket {@code host/.s.PGSQL.port}, or host and port (resolved on connect). */
    public java.net.SocketAddress address() {
        return isUnixSocket() ? new io.netty.channel.unix.DomainSocketAddress(host + "/.s.PGSQL." + port)
                : java.net.InetSocketAddress.createUnresolved(host, port);
    }

    public BackendNode withStatus(BackendStatus newStatus, Instant at) {
        return new BackendNode(id, host, port, weight, newStatus, role, at);
    }

    public BackendNode withRole(BackendRole newRole, Instant at) {
        return new BackendNode(id, host, port, weight, status, newRole, at);
    }
}
