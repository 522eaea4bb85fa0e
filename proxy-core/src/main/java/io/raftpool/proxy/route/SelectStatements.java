package io.raftpool.proxy.route;

/**
 * Which queries SHOW pool_nodes' select_cnt counts: Pgpool-II counts a query whose (first) statement parses as
 * a SELECT, whatever its route. That is a statement starting with SELECT, VALUES, TABLE or a parenthesis, or a
 * WITH query whose main statement is one of those, even when a CTE modifies data. Locking reads, SELECT INTO
 * and reads calling writing functions count; EXPLAIN, SHOW, CREATE TABLE AS and a WITH ... INSERT do not.
 */
public final class SelectStatements {
    private SelectStatements() {
    }

    /** True when the query's first statement is a SELECT in Pgpool-II's sense. */
    public static boolean isSelect(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        Token first = lexer.nextSignificant();
        if (first == null) {
            return false;
        }
        if (startsSelect(first)) {
            return true;
        }
        return first.isKeyword("with") && mainStatementIsSelect(lexer);
    }

    private static boolean startsSelect(Token t) {
        return t.is(TokenKind.LEFT_PAREN) || t.isKeyword("select") || t.isKeyword("values") || t.isKeyword("table");
    }

    /**
     * Past WITH: skips the CTE list (names, column lists, AS [NOT] MATERIALIZED, bodies in parentheses, SEARCH
     * and CYCLE clauses) to the first keyword that starts a statement at the outer level.
     */
    private static boolean mainStatementIsSelect(SqlLexer lexer) {
        int depth = 0;
        boolean afterGroup = false;     // the last outer-level token closed a parenthesised group
        for (Token t = lexer.nextSignificant(); t != null; t = lexer.nextSignificant()) {
            if (t.is(TokenKind.LEFT_PAREN)) {
                if (depth == 0 && afterGroup) {
                    return true;        // WITH ... AS (...) (SELECT ...): the main statement in parentheses
                }
                depth++;
                continue;
            }
            if (t.is(TokenKind.RIGHT_PAREN)) {
                depth = Math.max(0, depth - 1);
                afterGroup = depth == 0;
                continue;
            }
            if (depth > 0) {
                continue;
            }
            if (t.is(TokenKind.SEMICOLON)) {
                return false;
            }
            if (t.isKeyword("select") || t.isKeyword("values") || t.isKeyword("table")) {
                return true;
            }
            if (t.isKeyword("insert") || t.isKeyword("update") || t.isKeyword("delete") || t.isKeyword("merge")) {
                return false;
            }
            afterGroup = false;
        }
        return false;
    }
}
