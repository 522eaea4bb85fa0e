package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.List;

/** What {@link QueryWalker} found in a query: the facts a routing decision needs. */
final class QueryFacts {
    /** {@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE} or {@code FOR KEY SHARE} somewhere. */
    boolean lockingClause;
    /** {@code SELECT ... INTO}. */
    boolean selectInto;
    /** {@code SELECT ... INTO TEMP[ORARY]} (or into {@code pg_temp.name}). */
    boolean intoTemporary;
    /** The table a {@code SELECT ... INTO} creates, or {@code null}. */
    String intoTable;
    /** An {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code MERGE}: the statement itself or a CTE body. */
    boolean dataModifying;
    /** Relations named, in order of appearance (with repeats). */
    final List<QualifiedName> relations = new ArrayList<>(4);
    /** Functions called, in order of appearance (with repeats). */
    final List<QualifiedName> functions = new ArrayList<>(2);
}
