package io.raftpool.proxy.route;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a query may run and what it does.
 *
 * @param route             where the query may run
 * @param effects           what running it does to the session or the database
 * @param preparedName      the statement name of an SQL {@code PREPARE}, {@code EXECUTE} or {@code DEALLOCATE}, else {@code null}
 * @param cursorName        the cursor of a {@code DECLARE}, {@code FETCH}, {@code MOVE} or {@code CLOSE}, else {@code null}
 * @param tempTablesCreated temporary relations the query creates (unqualified, case-folded)
 * @param tablesReferenced  relations the query names, case-folded, as written ({@code table} or {@code schema.table})
 */
public record Classification(Route route, Set<Effect> effects, String preparedName, String cursorName,
                             List<String> tempTablesCreated, List<String> tablesReferenced) {

    /** Copies the collections so that a classification is immutable. */
    public Classification {
        effects = Collections.unmodifiableSet(effects.isEmpty() ? EnumSet.noneOf(Effect.class) : EnumSet.copyOf(effects));
        tempTablesCreated = List.copyOf(tempTablesCreated);
        tablesReferenced = List.copyOf(tablesReferenced);
    }

    /** Whether running the query has {@code effect}. */
    public boolean has(Effect effect) {
        return effects.contains(effect);
    }
}
