package io.raftpool.proxy.route;

/** What the session knows that the statement text alone does not tell; supplied by the caller. */
public interface SessionFacts {

    /**
     * Whether {@code name} (unqualified, as written, case-folded) is a temporary table of this session: created
     * earlier with {@code CREATE TEMP TABLE} ({@code check_temp_table = trace}) or found in the catalog. Always
     * {@code false} turns the check off, like {@code check_temp_table = off}.
     */
    boolean isTempTable(String name);

    /**
     * The route of the statement prepared as {@code name} in this session, by SQL {@code PREPARE} or a Parse
     * message, or {@code null} if the session does not know it.
     */
    Route preparedRoute(String name);

    /**
     * Whether the user-defined function {@code name} ({@code schema.function} or {@code function}) is
     * {@code VOLATILE}. Consulted only when both {@code write_function_list} and {@code read_only_function_list}
     * are empty, the case in which Pgpool looks the function up in {@code pg_proc}; built-in volatile functions
     * are known to the classifier already. The default knows no such function.
     */
    default boolean isVolatileFunction(String name) {
        return false;
    }

    /**
     * Whether {@code name} ({@code schema.table} or {@code table}, as written) is an unlogged table. Unlogged
     * tables are not replicated, so Pgpool (with {@code check_unlogged_table}) reads them on the primary; it asks the
     * catalog, which the caller may cache. The default knows no unlogged table.
     */
    default boolean isUnloggedTable(String name) {
        return false;
    }

    /** Facts for a session with no temporary tables, no prepared statements and no known volatile functions. */
    static SessionFacts none() {
        return new SessionFacts() {
            @Override
            public boolean isTempTable(String name) {
                return false;
            }

            @Override
            public Route preparedRoute(String name) {
                return null;
            }
        };
    }
}
