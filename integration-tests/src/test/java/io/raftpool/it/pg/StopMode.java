package io.raftpool.it.pg;

import java.util.Locale;

/** How {@code pg_ctl stop -m} shuts a server down. */
public enum StopMode {
    /** Waits for every client to disconnect first. */
    SMART,
    /** Disconnects clients, then shuts down cleanly with a checkpoint. */
    FAST,
    /** Quits at once without a checkpoint, like a crash: the next start runs crash recovery. */
    IMMEDIATE;

    /** The name {@code pg_ctl -m} takes. */
    String pgCtlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
