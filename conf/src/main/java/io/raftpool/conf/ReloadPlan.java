package io.raftpool.conf;

import java.util.List;

/**
 * What a reload changes: the values that take effect now and those that need a restart.
 *
 * @param changes every changed value
 */
public record ReloadPlan(List<Change> changes) {

    /**
     * One changed value.
     *
     * @param name   the name as written, with its index
     * @param def    the parameter, or {@code null} for pgpool_node_id
     * @param before the old value as displayed (secrets masked)
     * @param after  the new value as displayed (secrets masked)
     */
    public record Change(String name, ParamDef<?> def, String before, String after) {

        /** True when a reload applies the change; false when it waits for a restart. */
        public boolean appliesOnReload() {
            return def != null && def.context().appliesOnReload();
        }

        @Override
        public String toString() {
            return name + ": \"" + before + "\" -> \"" + after + "\"";
        }
    }

    public ReloadPlan {
        changes = List.copyOf(changes);
    }

    /** Changes a reload applies now. */
    public List<Change> appliedNow() {
        return changes.stream().filter(Change::appliesOnReload).toList();
    }

    /** Changes that take effect only after a restart. */
    public List<Change> needRestart() {
        return changes.stream().filter(c -> !c.appliesOnReload()).toList();
    }
}
