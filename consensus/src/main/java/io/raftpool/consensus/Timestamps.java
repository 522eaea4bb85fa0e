package io.raftpool.consensus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Timestamps in the replicated state travel through the log as epoch milliseconds: keep them to that. */
final class Timestamps {

    private Timestamps() {
    }

    static Instant millis(Instant at, String what) {
        return Objects.requireNonNull(at, what).truncatedTo(ChronoUnit.MILLIS);
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
