package io.raftpool.proxy.route;

import java.util.List;

/**
 * Decides, from its leading keyword, what kind of statement a token list is and where Pgpool-II 4.3 (streaming
 * replication mode) would send it, before the session-dependent read rules of {@link StatementClassifier}.
 * Transaction and {@code SET} commands are left to {@link SessionCommands}, DDL to {@link DdlStatements}.
 *
 * <p>Where Pgpool's code and this class differ, the difference is commented at the place it is made.
 */
final class StatementAnalyzer {

    private StatementAnalyzer() {
    }

    /** Analyses one statement; {@code tokens} is non-empty and holds no semicolon at top level. */
    static StatementAnalysis analyze(List<Token> tokens, SessionFacts facts) {
        Token first = tokens.get(0);
        if (first.is(TokenKind.LEFT_PAREN)) {
            return query(tokens);
        }
        if (first.kind() != TokenKind.IDENTIFIER) {
            return StatementAnalysis.unknown();
        }
        if (startsQuery(first.text())) {
            return query(tokens);
        }
        switch (first.text()) {
            case "explain":
                return explain(tokens, facts);
            case "show":
                return StatementAnalysis.read(false, List.of(), List.of());
            case "copy":
                return copy(tokens);
            case "declare":
                return declare(tokens);
            case "fetch": case "move":
                return cursor(tokens.get(tokens.size() - 1));
            case "close":
                return cursor(tokens.size() > 1 && !tokens.get(1).isKeyword("all") ? tokens.get(1) : null);
            case "prepare":
                return prepare(tokens);
            case "execute":
                return executeOrDeallocate(tokens, 1, Effect.EXECUTE, facts);
            case "deallocate":
                return deallocate(tokens, facts);
            case "load":
                // LOAD is in Pgpool's list of known statements without a rule of its own: primary.
                return StatementAnalysis.of(Route.PRIMARY);
            default:
                StatementAnalysis session = SessionCommands.analyze(tokens);
                return session != null ? session : DdlStatements.analyze(tokens);
        }
    }

    /**
     * {@code tokens} analysed as a query (the body of {@code COPY (...)}, {@code DECLARE}, {@code PREPARE}); anything
     * else is unknown. Nested statements are never analysed recursively beyond this, so analysis stays linear.
     */
    private static StatementAnalysis nestedQuery(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return StatementAnalysis.unknown();
        }
        Token first = tokens.get(0);
        if (first.is(TokenKind.LEFT_PAREN) || first.kind() == TokenKind.IDENTIFIER && startsQuery(first.text())) {
            return query(tokens);
        }
        return StatementAnalysis.unknown();
    }

    private static boolean startsQuery(String keyword) {
        switch (keyword) {
            case "select": case "with": case "values": case "table":
            case "insert": case "update": case "delete": case "merge":
                return true;
            default:
                return false;
        }
    }

    /** {@code SELECT}, {@code VALUES}, {@code TABLE}, {@code WITH ...}, {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code MERGE}. */
    static StatementAnalysis query(List<Token> tokens) {
        QueryFacts found = QueryWalker.walk(tokens);
        if (!found.dataModifying && !found.selectInto && !found.lockingClause) {
            return StatementAnalysis.read(true, found.relations, found.functions);
        }
        StatementAnalysis write = StatementAnalysis.write(found.relations);
        write.functions = found.functions;
        if (found.selectInto && found.intoTemporary && found.intoTable != null) {
            write.effects.add(Effect.CREATES_TEMP_TABLE);
            write.tempTablesCreated.add(found.intoTable);
        }
        return write;
    }

    /**
     * {@code EXPLAIN [ANALYZE] [VERBOSE] stmt} or {@code EXPLAIN (option [value], ...) stmt}. Without
     * {@code ANALYZE} nothing runs, so any explainable statement may be load balanced; with it, only a read may.
     *
     * <p>Pgpool 4.3's documentation and {@code is_select_query()} say so, and this class follows them; but its
     * {@code send_to_where()} has no rule for {@code ExplainStmt}, so Pgpool itself sends every {@code EXPLAIN} to
     * the primary. Differing from Pgpool's {@code is_select_query()}, an {@code EXPLAIN [ANALYZE]} of {@code EXECUTE}
     * goes where the prepared statement lives, and {@code EXPLAIN ANALYZE} of a locking read or {@code SELECT INTO}
     * goes to the primary.
     */
    private static StatementAnalysis explain(List<Token> tokens, SessionFacts facts) {
        boolean analyze = false;
        int i = 1;
        if (Tokens.is(tokens, 1, TokenKind.LEFT_PAREN)) {
            int close = Tokens.matchingParen(tokens, 1);
            for (int j = 2; j < close; j++) {
                boolean optionName = tokens.get(j - 1).is(TokenKind.LEFT_PAREN) || tokens.get(j - 1).is(TokenKind.COMMA);
                // Pgpool counts an ANALYZE option whatever its value, even ANALYZE false.
                analyze |= optionName && (tokens.get(j).isKeyword("analyze") || tokens.get(j).isKeyword("analyse"));
            }
            i = close + 1;
        } else {
            for (; i < tokens.size() && isExplainKeyword(tokens.get(i)); i++) {
                analyze |= !tokens.get(i).isKeyword("verbose");
            }
        }
        if (i >= tokens.size() || !isExplainable(tokens.get(i))) {
            return StatementAnalysis.unknown();
        }
        StatementAnalysis inner = analyze(tokens.subList(i, tokens.size()), facts);
        if (inner.effects.contains(Effect.EXECUTE)) {
            // The prepared statement exists only where it was prepared, so explain it there.
            StatementAnalysis explained = StatementAnalysis.of(inner.route);
            explained.preparedName = inner.preparedName;
            return explained;
        }
        if (!analyze) {
            StatementAnalysis read = StatementAnalysis.read(false, inner.relations, inner.functions);
            read.executesFunctions = false;
            return read;
        }
        if (inner.loadBalanceCandidate) {
            inner.selectStatement = false;
            return inner;
        }
        inner.route = Route.PRIMARY;
        return inner;
    }

    private static boolean isExplainKeyword(Token token) {
        return token.isKeyword("analyze") || token.isKeyword("analyse") || token.isKeyword("verbose");
    }

    private static boolean isExplainable(Token token) {
        if (token.is(TokenKind.LEFT_PAREN)) {
            return true;
        }
        switch (token.kind() == TokenKind.IDENTIFIER ? token.text() : "") {
            case "select": case "with": case "values": case "table": case "insert": case "update": case "delete":
            case "merge": case "declare": case "create": case "execute":
                return true;
            default:
                return false;
        }
    }

    /**
     * {@code COPY}: {@code FROM} writes; {@code TO STDOUT} of a table or a read query may be load balanced; a
     * {@code COPY} to a server file or program runs on the primary. Pgpool applies none of its read checks to
     * {@code COPY}; here a {@code COPY (query) TO STDOUT} is checked like the query (writing functions, locking
     * clauses, temporary tables), since a standby cannot run those.
     */
    private static StatementAnalysis copy(List<Token> tokens) {
        int i = Tokens.skip(tokens, 1, "binary");
        if (Tokens.is(tokens, i, TokenKind.LEFT_PAREN)) {
            int close = Tokens.matchingParen(tokens, i);
            if (close <= i + 1) {
                return StatementAnalysis.unknown();
            }
            StatementAnalysis inner = nestedQuery(tokens.subList(i + 1, close));
            if (inner.loadBalanceCandidate && toStdout(tokens, close + 1)) {
                inner.selectStatement = false;
                return inner;
            }
            inner.route = Route.PRIMARY;
            inner.loadBalanceCandidate = false;
            return inner;
        }
        if (!Tokens.isName(tokens, i)) {
            return StatementAnalysis.unknown();
        }
        List<QualifiedName> table = List.of(QualifiedName.read(tokens, i));
        int next = QualifiedName.lastIndex(tokens, i) + 1;
        if (Tokens.is(tokens, next, TokenKind.LEFT_PAREN)) {
            next = Tokens.matchingParen(tokens, next) + 1;
        }
        if (Tokens.is(tokens, next, "from")) {
            return StatementAnalysis.write(table);
        }
        if (toStdout(tokens, next)) {
            return StatementAnalysis.read(false, table, List.of());
        }
        StatementAnalysis toFile = StatementAnalysis.of(Route.PRIMARY);
        toFile.relations = table;
        return toFile;
    }

    private static boolean toStdout(List<Token> tokens, int i) {
        return Tokens.is(tokens, i, "to") && Tokens.is(tokens, i + 1, "stdout");
    }

    /**
     * {@code DECLARE name ... CURSOR ... FOR query}. Pgpool has no rule for cursors: {@code DECLARE}, {@code FETCH},
     * {@code MOVE} and {@code CLOSE} all go to the primary (its documentation says so too), which also keeps a cursor
     * and its fetches on the same node.
     */
    private static StatementAnalysis declare(List<Token> tokens) {
        StatementAnalysis declared = cursor(Tokens.isName(tokens, 1) ? tokens.get(1) : null);
        int cursor = Tokens.indexAtTopLevel(tokens, 1, "cursor");
        int query = cursor < 0 ? -1 : Tokens.indexAtTopLevel(tokens, cursor, "for") + 1;
        if (query > 0 && query < tokens.size()) {
            StatementAnalysis inner = nestedQuery(tokens.subList(query, tokens.size()));
            declared.relations = inner.relations;
            if (inner.effects.contains(Effect.WRITE)) {
                declared.effects.add(Effect.WRITE);
            }
        }
        return declared;
    }

    private static StatementAnalysis cursor(Token name) {
        StatementAnalysis cursor = StatementAnalysis.of(Route.PRIMARY);
        cursor.cursorName = name != null && name.isName() ? name.text() : null;
        return cursor;
    }

    /**
     * SQL {@code PREPARE name [(types)] AS stmt} ({@code PREPARE TRANSACTION 'gid'} is two-phase commit). Pgpool
     * routes the body, but then finds that a {@code PrepareStmt} is not a {@code SELECT} and sends it to the primary
     * whatever the body is; so {@code EXECUTE} of it, which inherits the route, runs on the primary too.
     */
    private static StatementAnalysis prepare(List<Token> tokens) {
        if (Tokens.is(tokens, 1, "transaction") && Tokens.is(tokens, 2, TokenKind.STRING)) {
            return SessionCommands.twoPhaseCommit();
        }
        if (!Tokens.isName(tokens, 1)) {
            return StatementAnalysis.unknown();
        }
        StatementAnalysis prepared = StatementAnalysis.of(Route.PRIMARY, Effect.PREPARE);
        prepared.preparedName = tokens.get(1).text();
        int as = Tokens.is(tokens, 2, TokenKind.LEFT_PAREN) ? Tokens.matchingParen(tokens, 2) + 1 : 2;
        if (Tokens.is(tokens, as, "as") && as + 1 < tokens.size()) {
            prepared.relations = nestedQuery(tokens.subList(as + 1, tokens.size())).relations;
        }
        return prepared;
    }

    /** {@code DEALLOCATE ALL} goes to every backend; {@code DEALLOCATE name} goes where {@code name} was prepared. */
    private static StatementAnalysis deallocate(List<Token> tokens, SessionFacts facts) {
        int i = Tokens.skip(tokens, 1, "prepare");
        if (Tokens.is(tokens, i, "all")) {
            return StatementAnalysis.of(Route.ALL, Effect.DEALLOCATE_ALL);
        }
        return executeOrDeallocate(tokens, i, Effect.DEALLOCATE, facts);
    }

    /** Pgpool sends these where the named statement was prepared, or to the primary when it does not know it. */
    private static StatementAnalysis executeOrDeallocate(List<Token> tokens, int nameAt, Effect effect,
                                                         SessionFacts facts) {
        if (!Tokens.isName(tokens, nameAt)) {
            return StatementAnalysis.unknown();
        }
        String name = tokens.get(nameAt).text();
        Route route = facts.preparedRoute(name);
        StatementAnalysis analysis = StatementAnalysis.of(route != null ? route : Route.PRIMARY, effect);
        analysis.preparedName = name;
        return analysis;
    }
}
