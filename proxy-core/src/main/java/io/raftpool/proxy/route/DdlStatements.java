package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.List;

/**
 * DDL, maintenance and the other statements that run on the primary only: {@code CREATE}, {@code ALTER},
 * {@code DROP}, {@code TRUNCATE}, {@code LOCK}, {@code GRANT}, {@code VACUUM}, {@code DO}, {@code CALL},
 * {@code LISTEN}, {@code NOTIFY} and the like. Pgpool sends every statement it has no rule for to the primary;
 * the one exception here is a weak {@code LOCK}.
 */
final class DdlStatements {

    /** Lock strengths, numbered as in PostgreSQL's lock.h. */
    private static final int ROW_EXCLUSIVE = 3;
    private static final int ACCESS_EXCLUSIVE = 8;

    private DdlStatements() {
    }

    /** The analysis of {@code tokens}, whose first token is an unquoted identifier; unknown statements write. */
    static StatementAnalysis analyze(List<Token> tokens) {
        switch (tokens.get(0).text()) {
            case "create":
                return create(tokens);
            case "drop":
                return drop(tokens);
            case "truncate":
                return StatementAnalysis.write(Tokens.relationList(tokens, Tokens.skip(tokens, 1, "table")));
            case "alter":
                return alter(tokens);
            case "lock":
                return lock(tokens);
            case "listen": case "unlisten": {
                StatementAnalysis listen = StatementAnalysis.write(List.of());
                listen.effects.add(Effect.LISTEN);
                return listen;
            }
            case "comment": case "grant": case "revoke": case "security": case "reassign": case "import":
            case "refresh": case "cluster": case "reindex": case "vacuum": case "analyze": case "analyse":
            case "checkpoint": case "do": case "call": case "notify":
                return StatementAnalysis.write(List.of());
            default:
                return StatementAnalysis.unknown();
        }
    }

    /**
     * {@code CREATE [OR REPLACE] [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE|VIEW|SEQUENCE ...} and every other
     * {@code CREATE}. A temporary table, view or sequence (or one created in {@code pg_temp}) is reported in
     * {@link Classification#tempTablesCreated()}: it exists on the primary only.
     */
    private static StatementAnalysis create(List<Token> tokens) {
        int i = Tokens.skip(tokens, 1, "or", "replace");
        boolean temporary = false;
        for (; i < tokens.size() && isCreateModifier(tokens.get(i)); i++) {
            temporary |= tokens.get(i).isKeyword("temp") || tokens.get(i).isKeyword("temporary");
        }
        i = Tokens.skip(tokens, i, "materialized", "foreign");
        boolean relation = Tokens.is(tokens, i, "table") || Tokens.is(tokens, i, "view")
                || Tokens.is(tokens, i, "sequence");
        int nameAt = Tokens.skip(tokens, i + 1, "if", "not", "exists");
        if (!relation || !Tokens.isName(tokens, nameAt)) {
            return StatementAnalysis.write(List.of());
        }
        QualifiedName name = QualifiedName.read(tokens, nameAt);
        List<QualifiedName> relations = new ArrayList<>(2);
        relations.add(name);
        int as = Tokens.indexAtTopLevel(tokens, QualifiedName.lastIndex(tokens, nameAt) + 1, "as");
        if (as > 0 && as + 1 < tokens.size()) {
            relations.addAll(QueryWalker.walk(tokens.subList(as + 1, tokens.size())).relations);
        }
        StatementAnalysis create = StatementAnalysis.write(relations);
        if (temporary || "pg_temp".equals(name.schema())) {
            create.effects.add(Effect.CREATES_TEMP_TABLE);
            create.tempTablesCreated.add(name.name());
        }
        return create;
    }

    private static boolean isCreateModifier(Token token) {
        return token.isKeyword("global") || token.isKeyword("local") || token.isKeyword("temp")
                || token.isKeyword("temporary") || token.isKeyword("unlogged") || token.isKeyword("recursive");
    }

    /** {@code DROP TABLE|VIEW|SEQUENCE|MATERIALIZED VIEW|FOREIGN TABLE [IF EXISTS] a, b} and every other {@code DROP}. */
    private static StatementAnalysis drop(List<Token> tokens) {
        int i = Tokens.skip(tokens, 1, "materialized", "foreign");
        if (!Tokens.is(tokens, i, "table") && !Tokens.is(tokens, i, "view") && !Tokens.is(tokens, i, "sequence")) {
            return StatementAnalysis.write(List.of());
        }
        StatementAnalysis drop = StatementAnalysis.write(Tokens.relationList(tokens, Tokens.skip(tokens, i + 1, "if", "exists")));
        drop.effects.add(Effect.DROPS_TABLE);
        return drop;
    }

    /** {@code ALTER TABLE [IF EXISTS] [ONLY] name ...} reports the table; every {@code ALTER} writes. */
    private static StatementAnalysis alter(List<Token> tokens) {
        if (!Tokens.is(tokens, 1, "table")) {
            return StatementAnalysis.write(List.of());
        }
        int nameAt = Tokens.skip(tokens, 2, "if", "exists", "only");
        return StatementAnalysis.write(Tokens.isName(tokens, nameAt)
                ? List.of(QualifiedName.read(tokens, nameAt)) : List.of());
    }

    /**
     * {@code LOCK [TABLE] [ONLY] names [IN mode MODE] [NOWAIT]}. Pgpool sends a lock of mode {@code ROW EXCLUSIVE}
     * or stronger (the default is {@code ACCESS EXCLUSIVE}) to the primary, but {@code ACCESS SHARE} and
     * {@code ROW SHARE} locks, which a standby can take, to every backend.
     */
    private static StatementAnalysis lock(List<Token> tokens) {
        int namesAt = Tokens.skip(tokens, 1, "table");
        List<QualifiedName> tables = Tokens.relationList(tokens, namesAt);
        if (lockLevel(tokens, Tokens.indexAtTopLevel(tokens, namesAt, "in")) < ROW_EXCLUSIVE) {
            StatementAnalysis lock = StatementAnalysis.of(Route.ALL);
            lock.relations = tables;
            return lock;
        }
        return StatementAnalysis.write(tables);
    }

    /** The lock mode's strength, 1 (ACCESS SHARE) to 8 (ACCESS EXCLUSIVE), numbered as in PostgreSQL's lock.h. */
    private static int lockLevel(List<Token> tokens, int in) {
        if (in < 0) {
            return ACCESS_EXCLUSIVE;
        }
        StringBuilder mode = new StringBuilder();
        for (int i = in + 1; i < tokens.size() && !tokens.get(i).isKeyword("mode"); i++) {
            mode.append(mode.length() == 0 ? "" : " ").append(tokens.get(i).text());
        }
        switch (mode.toString()) {
            case "access share": return 1;
            case "row share": return 2;
            case "row exclusive": return ROW_EXCLUSIVE;
            case "share update exclusive": return 4;
            case "share": return 5;
            case "share row exclusive": return 6;
            case "exclusive": return 7;
            default: return ACCESS_EXCLUSIVE;
        }
    }
}
