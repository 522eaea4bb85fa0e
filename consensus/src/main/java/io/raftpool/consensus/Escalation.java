package io.raftpool.consensus;

import java.time.Instant;

/**
 * Who holds the delegate IP, and under which Raft term: the term is the fencing token, so an escalation
 * recorded under an older term than the current record is refused.
 *
 * @param memberId the member that escalated
 * @param term     the Raft term it led when it escalated
 * @param at       when
 */
public record Escalation(int memberId, long term, Instant at) {

    public Escalation {
        at = Timestamps.millis(at, "at");
    }
}
