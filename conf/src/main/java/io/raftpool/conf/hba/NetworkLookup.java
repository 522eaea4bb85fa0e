package io.raftpool.conf.hba;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** What matching {@code samehost}, {@code samenet} and host names needs to know about the network. */
interface NetworkLookup {

    /** One address of a local network interface, with its subnet prefix length. */
    record InterfaceAddress(InetAddress address, int prefixLength) {
    }

    /** Every address of this machine's network interfaces. */
    List<InterfaceAddress> localAddresses();

    /** The name a reverse lookup of {@code address} gives, if any. */
    Optional<String> reverseLookup(InetAddress address);

    /** Every address a forward lookup of {@code name} gives; empty if the name does not resolve. */
    List<InetAddress> forwardLookup(String name);
}
