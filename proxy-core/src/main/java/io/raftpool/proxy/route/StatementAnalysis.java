package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/** The mutable result of analysing one statement, before the session-dependent read rules are applied. */
final class StatementAnalysis {
    Route route;
    final EnumSet<Effect> effects = EnumSet.noneOf(Effect.class);
    String preparedName;
    String cursorName;
    final List<String> tempTablesCreated = new ArrayList<>(0);
    List<QualifiedName> relations = List.of();
    List<QualifiedName> functions = List.of();
    /**
     * A read by Pgpool's {@code is_select_query}: it may be load balanced unless a session-dependent rule (comments,
     * writing functions, temporary, unlogged or catalog tables, primary routing patterns) sends it to the primary.
     */
    boolean loadBalanceCandidate;
    /** A {@code SELECT}-shaped statement ({@code SELECT}, {@code VALUES}, {@code TABLE}, {@code WITH}): Pgpool's comment rule applies. */
    boolean selectStatement;
    /** Its function calls are executed (not so for {@code EXPLAIN} without {@code ANALYZE}). */
    boolean executesFunctions;
    /** Pgpool leaves its writing-transaction flag alone after it (see {@link Effect#SETS_WRITING_TRANSACTION}). */
    boolean keepsWritingFlag;

    private StatementAnalysis(Route route) {
        this.route = route;
    }

    /** A statement for {@code route} with {@code effects}. */
    static StatementAnalysis of(Route route, Effect... effects) {
        StatementAnalysis analysis = new StatementAnalysis(route);
        for (Effect effect : effects) {
            analysis.effects.add(effect);
        }
        return analysis;
    }

    /** A read that may be load balanced; {@code selectShaped} for {@code SELECT}, {@code VALUES}, {@code TABLE}, {@code WITH}. */
    static StatementAnalysis read(boolean selectShaped, List<QualifiedName> relations, List<QualifiedName> functions) {
        StatementAnalysis analysis = new StatementAnalysis(Route.LOAD_BALANCE);
        analysis.loadBalanceCandidate = true;
        analysis.selectStatement = selectShaped;
        analysis.executesFunctions = true;
        analysis.relations = relations;
        analysis.functions = functions;
        return analysis;
    }

    /** A write: primary only, {@link Effect#WRITE}. */
    static StatementAnalysis write(List<QualifiedName> relations) {
        StatementAnalysis analysis = of(Route.PRIMARY, Effect.WRITE);
        analysis.relations = relations;
        return analysis;
    }

    /** A statement this classifier does not understand: Pgpool sends unparsable queries to the primary as writes. */
    static StatementAnalysis unknown() {
        return of(Route.PRIMARY, Effect.WRITE);
    }

    /** Marks this statement as one after which Pgpool does not set its writing-transaction flag. */
    StatementAnalysis keepingWritingFlag() {
        keepsWritingFlag = true;
        return this;
    }
}
