package io.raftpool.consensus.ratis;

import io.raftpool.consensus.RaftSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** raftpool's ids (member ids, the group seed) as Ratis ids, and back. */
final class RatisIds {

    private static final String PEER_PREFIX = "member-";

    private RatisIds() {
    }

    /** The group id: a name-based (type 3) UUID of the seed, so equal configurations give equal ids. */
    static UUID groupUuid(String groupSeed) {
        return UUID.nameUUIDFromBytes(("raftpool-group:" + groupSeed).getBytes(StandardCharsets.UTF_8));
    }

    static RaftGroupId groupId(String groupSeed) {
        return RaftGroupId.valueOf(groupUuid(groupSeed));
    }

    static RaftPeerId peerId(int memberId) {
        return RaftPeerId.valueOf(PEER_PREFIX + memberId);
    }

    static Optional<Integer> memberId(RaftPeerId peerId) {
        if (peerId == null) {
            return Optional.empty();
        }
        String s = peerId.toString();
        try {
            return s.startsWith(PEER_PREFIX) ? Optional.of(Integer.parseInt(s.substring(PEER_PREFIX.length())))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static RaftGroup group(RaftSettings settings) {
        List<RaftPeer> peers = settings.peers().entrySet().stream()
                .map(e -> RaftPeer.newBuilder().setId(peerId(e.getKey())).setAddress(address(e.getValue())).build())
                .toList();
        return RaftGroup.valueOf(groupId(settings.groupSeed()), peers);
    }

    /**
     * "host:port" as configured: handing Ratis the InetSocketAddress would make it look the host name up (a
     * reverse DNS query that can hang where DNS is unreachable).
     */
    static String address(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /**
     * Refuses a storage directory that holds another group: Ratis would start that group too, and it means this
     * instance's configuration changed under its Raft log.
     */
    static void checkStorageHoldsOnly(Path storageDir, RaftGroupId groupId) throws IOException {
        if (!Files.isDirectory(storageDir)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(storageDir, Files::isDirectory)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (isUuid(name) && !name.equals(groupId.getUuid().toString())) {
                    throw new IOException("the Raft storage " + storageDir + " holds the log of group " + name
                            + ", but this configuration makes group " + groupId.getUuid() + ": the cluster's"
                            + " configuration (backends or members) differs from the one that wrote it. Restore that"
                            + " configuration, or move " + dir + " away to start this instance afresh");
                }
            }
        }
    }

    private static boolean isUuid(String name) {
        try {
            return UUID.fromString(name).toString().equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
