package io.raftpool.consensus.ratis;

import io.raftpool.consensus.ClusterState;
import io.raftpool.consensus.ConsensusException;
import io.raftpool.consensus.codec.ClusterStateCodec;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.AtomicFileOutputStream;
import org.apache.ratis.util.MD5FileUtil;

/**
 * Snapshot files of the {@link ClusterState}, one file per snapshot in the state machine's storage, named
 * {@code snapshot.<term>_<index>} as {@link SimpleStateMachineStorage} expects (it finds the latest, and deletes
 * old ones), holding the state as a {@code ClusterStateMsg}, with an MD5 file beside it.
 */
final class SnapshotStore {

    /** A state and the log position it stands for. */
    record Loaded(ClusterState state, TermIndex termIndex) {
    }

    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();

    SimpleStateMachineStorage storage() {
        return storage;
    }

    /** Writes {@code state}, which stands for the log up to {@code at}; the file appears whole or not at all. */
    void save(ClusterState state, TermIndex at) throws IOException {
        File file = storage.getSnapshotFile(at.getTerm(), at.getIndex());
        try (OutputStream out = new AtomicFileOutputStream(file)) {
            out.write(ClusterStateCodec.encode(state));
        }
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), at));
    }

    /** The latest snapshot, if there is one. */
    Optional<Loaded> loadLatest() throws IOException {
        SingleFileSnapshotInfo info = storage.loadLatestSnapshot();
        if (info == null) {
            return Optional.empty();
        }
        Path path = info.getFile().getPath();
        if (!Files.exists(path)) {
            throw new IOException("the snapshot file " + path + " is missing");
        }
        MD5Hash md5 = info.getFile().getFileDigest();
        if (md5 != null) {
            MD5FileUtil.verifySavedMD5(path.toFile(), md5);
        }
        try {
            ClusterState state = ClusterStateCodec.decode(Files.readAllBytes(path));
            return Optional.of(new Loaded(state, SimpleStateMachineStorage.getTermIndexFromSnapshotFile(path.toFile())));
        } catch (ConsensusException e) {
            throw new IOException("the snapshot " + path + " cannot be read: " + e.getMessage(), e);
        }
    }
}
