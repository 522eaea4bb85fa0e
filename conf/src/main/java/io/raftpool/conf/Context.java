package io.raftpool.conf;

/** When a change to a parameter takes effect, as Pgpool-II's "change requires restart" notes say. */
public enum Context {
    /** Read once at start-up; a change needs a restart. */
    RESTART,
    /** Re-read on reload (SIGHUP, {@code raftpool reload}). */
    RELOAD,
    /** Re-read on reload, and a client may also change it for its session with {@code PGPOOL SET}. */
    SESSION;

    /** True when a changed value is applied by a reload without restarting. */
    public boolean appliesOnReload() {
        return this != RESTART;
    }
}
