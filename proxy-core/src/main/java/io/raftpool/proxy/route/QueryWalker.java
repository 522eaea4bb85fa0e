package io.raftpool.proxy.route;

import java.util.Arrays;
import java.util.List;

/**
 * One left-to-right pass over the tokens of a query ({@code SELECT}, {@code WITH}, {@code VALUES}, {@code TABLE} or
 * DML) that finds what Pgpool's parse-tree walkers look for: locking clauses, {@code SELECT INTO}, data-modifying
 * statements (also inside CTE bodies at any depth), the relations in {@code FROM}/{@code JOIN}/DML target position
 * and the function calls. It tracks parenthesis depth so that {@code FROM} inside {@code EXTRACT(... FROM ...)} or
 * a comma in a function's arguments is not taken for a relation list. Linear in the number of tokens.
 */
final class QueryWalker {

    private static final int EXPECT_NOTHING = 0;
    /** A relation: the target of {@code INSERT INTO}, {@code UPDATE}, {@code TABLE}, {@code USING}. */
    private static final int EXPECT_RELATION = 1;
    /** A {@code FROM} item: a relation, a table function, a subquery or a parenthesised join. */
    private static final int EXPECT_FROM_ITEM = 2;

    private final List<Token> tokens;
    private final QueryFacts facts = new QueryFacts();
    /** Per parenthesis depth: inside a {@code FROM} list, where a comma starts another item. */
    private boolean[] fromList = new boolean[8];
    /** Per depth: inside a function's argument list, where {@code FROM} is not a relation list. */
    private boolean[] functionArguments = new boolean[8];
    /** Per depth: inside a {@code WITH} list, where {@code name(} is a CTE's column list. */
    private boolean[] cteList = new boolean[8];
    private int depth;
    private int expect = EXPECT_NOTHING;
    private int lastRelationEnd = -2;
    private int functionParen = -1;

    private QueryWalker(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Walks {@code tokens}, the significant tokens of one query. */
    static QueryFacts walk(List<Token> tokens) {
        QueryWalker walker = new QueryWalker(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            i = walker.step(i);
        }
        return walker.facts;
    }

    /** Handles the token at {@code i}; returns the index of the last token it consumed. */
    private int step(int i) {
        Token token = tokens.get(i);
        if (expect != EXPECT_NOTHING) {
            int consumed = expected(i, token);
            if (consumed >= 0) {
                return consumed;
            }
        }
        switch (token.kind()) {
            case LEFT_PAREN:
                open(i);
                return i;
            case RIGHT_PAREN:
                depth = Math.max(0, depth - 1);
                return i;
            case COMMA:
                if (fromList[depth]) {
                    expect = EXPECT_FROM_ITEM;
                }
                return i;
            case IDENTIFIER:
                return keyword(i, token.text());
            case QUOTED_IDENTIFIER:
                return name(i);
            default:
                return i;
        }
    }

    /** The token where a relation or {@code FROM} item was expected; -1 to handle it as usual. */
    private int expected(int i, Token token) {
        if (token.isKeyword("lateral") || token.isKeyword("only")) {
            return i;
        }
        int wanted = expect;
        expect = EXPECT_NOTHING;
        if (token.is(TokenKind.LEFT_PAREN)) {
            boolean subquery = startsQuery(i + 1);
            open(i);
            if (!subquery && wanted == EXPECT_FROM_ITEM) {
                fromList[depth] = true;
                expect = EXPECT_FROM_ITEM;
            }
            return i;
        }
        if (!token.isName() || (token.isKeyword("rows") && is(i + 1, "from"))) {
            return -1;
        }
        int last = QualifiedName.lastIndex(tokens, i);
        if (kindAt(last + 1) == TokenKind.LEFT_PAREN && wanted == EXPECT_FROM_ITEM) {
            return isFunctionCall(i, last) ? function(i, last) : -1;
        }
        facts.relations.add(QualifiedName.read(tokens, i));
        lastRelationEnd = last;
        return last;
    }

    private int keyword(int i, String word) {
        switch (word) {
            case "from":
                if (!functionArguments[depth] && !isDistinctFrom(i)) {
                    fromList[depth] = true;
                    expect = EXPECT_FROM_ITEM;
                }
                return i;
            case "join":
                expect = EXPECT_FROM_ITEM;
                return i;
            case "into":
                return into(i);
            case "insert":
            case "delete":
            case "merge":
                facts.dataModifying |= startsStatement(i);
                return endsClause(i);
            case "update":
                if (startsStatement(i)) {
                    facts.dataModifying = true;
                    expect = EXPECT_RELATION;
                }
                return endsClause(i);
            case "using":
                if (i + 1 < tokens.size() && tokens.get(i + 1).isName()) {
                    expect = EXPECT_RELATION;
                }
                return i;
            case "table":
                if (i + 1 < tokens.size() && tokens.get(i + 1).isName()) {
                    expect = EXPECT_RELATION;
                }
                return endsClause(i);
            case "for":
                facts.lockingClause |= is(i + 1, "update") || is(i + 1, "share")
                        || (is(i + 1, "no") && is(i + 2, "key") && is(i + 3, "update"))
                        || (is(i + 1, "key") && is(i + 2, "share"));
                return endsClause(i);
            case "with":
                // A WITH list starts a (sub)query; WITH ORDINALITY, WITH TIES and the like do not.
                cteList[depth] |= i == 0 || tokens.get(i - 1).is(TokenKind.LEFT_PAREN) || is(i + 1, "recursive");
                return i;
            case "select": case "values": case "where": case "group": case "having": case "window": case "order":
            case "limit": case "offset": case "fetch": case "union": case "intersect": case "except":
            case "returning": case "set":
                return endsClause(i);
            default:
                return name(i);
        }
    }

    /** A keyword that ends a {@code FROM} list and, for statement keywords, a {@code WITH} list. */
    private int endsClause(int i) {
        fromList[depth] = false;
        cteList[depth] = false;
        return i;
    }

    private int name(int i) {
        int last = QualifiedName.lastIndex(tokens, i);
        if (kindAt(last + 1) == TokenKind.LEFT_PAREN && isFunctionCall(i, last)) {
            return function(i, last);
        }
        return last;
    }

    private int function(int first, int last) {
        facts.functions.add(QualifiedName.read(tokens, first));
        functionParen = last + 1;
        return last;
    }

    /** {@code INSERT INTO t} and {@code MERGE INTO t} name a target; otherwise this is {@code SELECT ... INTO}. */
    private int into(int i) {
        if (i > 0 && (tokens.get(i - 1).isKeyword("insert") || tokens.get(i - 1).isKeyword("merge"))) {
            expect = EXPECT_RELATION;
            return i;
        }
        facts.selectInto = true;
        int j = i + 1;
        while (j < tokens.size() && isTableModifier(tokens.get(j))) {
            facts.intoTemporary |= tokens.get(j).isKeyword("temp") || tokens.get(j).isKeyword("temporary");
            j++;
        }
        if (j >= tokens.size() || !tokens.get(j).isName()) {
            return j - 1;
        }
        QualifiedName table = QualifiedName.read(tokens, j);
        facts.intoTable = table.name();
        facts.intoTemporary |= "pg_temp".equals(table.schema());
        return QualifiedName.lastIndex(tokens, j);
    }

    private static boolean isTableModifier(Token token) {
        if (token.kind() != TokenKind.IDENTIFIER) {
            return false;
        }
        switch (token.text()) {
            case "temp": case "temporary": case "local": case "global": case "unlogged": case "table":
                return true;
            default:
                return false;
        }
    }

    /**
     * Whether the name {@code tokens[first..last]} followed by {@code (} calls a function, rather than being a
     * type ({@code ::numeric(10,2)}, {@code AS varchar(3)}), an alias with column names, a CTE's column list,
     * a tablesample method or a keyword with its own syntax ({@code IN (}, {@code OVER (}, {@code COALESCE(}).
     */
    private boolean isFunctionCall(int first, int last) {
        Token head = tokens.get(first);
        if (first == last && head.kind() == TokenKind.IDENTIFIER && NotFunctionWords.contains(head.text())) {
            return false;
        }
        if (first == 0) {
            return true;
        }
        Token before = tokens.get(first - 1);
        return before.kind() != TokenKind.TYPECAST && before.kind() != TokenKind.RIGHT_PAREN
                && !before.isKeyword("as") && !before.isKeyword("tablesample")
                && !before.isKeyword("with") && !before.isKeyword("recursive")
                && !(before.is(TokenKind.COMMA) && cteList[depth])
                && first - 1 != lastRelationEnd;
    }

    private void open(int i) {
        depth++;
        if (depth == fromList.length) {
            fromList = Arrays.copyOf(fromList, depth * 2);
            functionArguments = Arrays.copyOf(functionArguments, depth * 2);
            cteList = Arrays.copyOf(cteList, depth * 2);
        }
        fromList[depth] = false;
        cteList[depth] = false;
        functionArguments[depth] = i == functionParen;
    }

    /** A statement keyword at the start, just inside a parenthesis, or just after one (a CTE list). */
    private boolean startsStatement(int i) {
        return i == 0 || tokens.get(i - 1).is(TokenKind.LEFT_PAREN) || tokens.get(i - 1).is(TokenKind.RIGHT_PAREN);
    }

    private boolean startsQuery(int i) {
        return is(i, "select") || is(i, "with") || is(i, "values") || is(i, "table");
    }

    private boolean isDistinctFrom(int i) {
        return i >= 2 && tokens.get(i - 1).isKeyword("distinct")
                && (tokens.get(i - 2).isKeyword("is") || tokens.get(i - 2).isKeyword("not"));
    }

    private boolean is(int i, String keyword) {
        return i < tokens.size() && tokens.get(i).isKeyword(keyword);
    }

    private TokenKind kindAt(int i) {
        return i < tokens.size() ? tokens.get(i).kind() : null;
    }
}
