package io.raftpool.watchdog;

import java.util.Optional;

/** Asks a backend whether it is in recovery: true for a standby, false for a primary, empty if it does not answer. */
interface NodeProbe {
    Optional<Boolean> inRecovery(int nodeId);
}
