package io.raftpool.conf.hba;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link NetworkLookup} through the JDK: the machine's interfaces and the system resolver (may block). */
final class SystemNetworkLookup implements NetworkLookup {
    static final SystemNetworkLookup INSTANCE = new SystemNetworkLookup();

    private static final Logger LOG = LoggerFactory.getLogger(SystemNetworkLookup.class);

    private SystemNetworkLookup() {
    }

    @Override
    public List<InterfaceAddress> localAddresses() {
        List<InterfaceAddress> result = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InterfaceAddress a : nic.getInterfaceAddresses()) {
                    int bits = a.getAddress().getAddress().length * 8;
                    int prefix = a.getNetworkPrefixLength();
                    result.add(new InterfaceAddress(a.getAddress(), prefix < 0 || prefix > bits ? bits : prefix));
                }
            }
        } catch (SocketException e) {
            LOG.warn("cannot list the network interfaces for samehost/samenet rules: {}", e.toString());
        }
        return result;
    }

    @Override
    public Optional<String> reverseLookup(InetAddress address) {
        String name = address.getCanonicalHostName();
        // The JDK returns the address text when there is no name.
        return name.equals(address.getHostAddress()) ? Optional.empty() : Optional.of(name);
    }

    @Override
    public List<InetAddress> forwardLookup(String name) {
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException e) {
            return List.of();
        }
    }
}
