package io.raftpool.proxy;

import io.raftpool.conf.Params;
import java.util.concurrent.atomic.LongAdder;

/** Per-node counters shown by SHOW pool_nodes (select_cnt), one slot per possible node id. */
public final class NodeStats {

    private final LongAdder[] selects = new LongAdder[Params.MAX_BACKENDS];

    public NodeStats() {
        for (int i = 0; i < selects.length; i++) {
            selects[i] = new LongAdder();
        }
    }

    /** A node ran this many SELECTs (Pgpool-II counts each Execute, or each simple Query, of a SELECT). */
    public void countSelects(int nodeId, int count) {
        selects[nodeId].add(count);
    }

    public long selects(int nodeId) {
        return nodeId >= 0 && nodeId < selects.length ? selects[nodeId].sum() : 0;
    }
}
