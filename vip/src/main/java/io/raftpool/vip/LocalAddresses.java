package io.raftpool.vip;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Arrays;
import java.util.stream.Stream;

/** The addresses assigned to this host's interfaces, read afresh from the operating system on each call. */
final class LocalAddresses {

    private LocalAddresses() {
    }

    /**
     * True when {@code address} is assigned to an interface that is up, in this process's network namespace.
     * Labelled addresses ({@code ip addr add ... label eth0:0}, as in Pgpool-II's default if_up_cmd) count:
     * Java lists them as sub-interfaces. An address on an interface that is down does not count.
     */
    static boolean isAssigned(InetAddress address) throws SocketException {
        byte[] wanted = address.getAddress();
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().flatMap(LocalAddresses::withSubInterfaces)
                .toList()) {
            if (!nif.isUp()) {
                continue;
            }
            // Byte comparison: an IPv6 address's scope (its interface) does not make it another address.
            if (nif.inetAddresses().anyMatch(a -> Arrays.equals(a.getAddress(), wanted))) {
                return true;
            }
        }
        return false;
    }

    private static Stream<NetworkInterface> withSubInterfaces(NetworkInterface nif) {
        return Stream.concat(Stream.of(nif), nif.subInterfaces().flatMap(LocalAddresses::withSubInterfaces));
    }
}
