package io.raftpool.proxy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-node counters shown by SHOW pool_nodes (select_cnt). */
public final class NodeStats {

    private final ConcurrentHashMap<Integer, LongAdder> selects = new ConcurrentHashMap<>();

    public void countSelect(int nodeId) {
        selects.computeIfAbsent(nodeId, k -> new LongAdder()).increment();
    }

    public long selects(int nodeId) {
        LongAdder a = selects.get(nodeId);
        return a == null ? 0 : a.sum();
    }
}
