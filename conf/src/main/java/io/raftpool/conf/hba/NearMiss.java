package io.raftpool.conf.hba;

import io.raftpool.conf.Spelling;
import java.util.Collection;

/** "Did you mean" hints: the known word closest to a misspelled one. */
final class NearMiss {
    private NearMiss() {
    }

    /** {@code " (did you mean \"x\"?)"} for the closest candidate within a few edits, else "". */
    static String hint(String word, Collection<String> candidates) {
        String best = Spelling.closest(word.toLowerCase(java.util.Locale.ROOT), candidates);
        return best == null ? "" : " (did you mean \"" + best + "\"?)";
    }
}
