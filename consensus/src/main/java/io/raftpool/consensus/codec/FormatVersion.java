package io.raftpool.consensus.codec;

import io.raftpool.consensus.UnreadableCommandException;

/**
 * The version of the replicated-state format this raftpool writes and reads. Bump {@link #CURRENT} when a
 * message gains a field or command whose meaning an older reader would get wrong by ignoring it, and write
 * that version as the message's {@code min_reader_version}; additions an older reader can safely ignore keep
 * {@code min_reader_version} where it was.
 */
public final class FormatVersion {

    /** The format this code writes, and the newest it reads. */
    public static final int CURRENT = 1;

    /** The oldest reader that applies everything this code writes correctly. */
    static final int MIN_READER = 1;

    private FormatVersion() {
    }

    static void checkReadable(String what, int writerVersion, int minReaderVersion) {
        if (minReaderVersion > CURRENT) {
            throw new UnreadableCommandException(what + " written by format version " + writerVersion
                    + " needs a reader of version " + minReaderVersion + " or newer, and this raftpool reads"
                    + " version " + CURRENT + ": upgrade this instance");
        }
    }
}
