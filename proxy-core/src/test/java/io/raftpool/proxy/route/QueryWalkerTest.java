package io.raftpool.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueryWalkerTest {

    @Test
    void fromListsJoinsAndSubqueriesNameTheirRelations() {
        assertEquals(List.of("a", "b", "c", "d"), relations("SELECT * FROM a, b AS x, c y JOIN d ON true"));
        assertEquals(List.of("t1", "t2", "t3", "t4"),
                relations("SELECT * FROM t1 JOIN t2 USING (id) LEFT JOIN t3 ON t3.id = t1.id, t4"));
        assertEquals(List.of("a", "b", "c"), relations("SELECT * FROM ((a JOIN b ON true) JOIN c ON true)"));
        assertEquals(List.of("t", "u"), relations("SELECT x FROM t WHERE y = (SELECT max(z) FROM u)"));
        assertEquals(List.of("s.t", "Quoted"), relations("SELECT * FROM ONLY s.t, LATERAL (SELECT 1) l, \"Quoted\""));
        assertEquals(List.of("s.t"), relations("SELECT * FROM db.s.t"), "a three-part name keeps schema and relation");
    }

    @Test
    void fromInsideFunctionArgumentsAndIsDistinctFromIsNotARelationList() {
        assertEquals(List.of("orders"), relations("SELECT extract(year FROM created_at) FROM orders"));
        assertEquals(List.of("people"), relations("SELECT trim(both 'x' FROM name), substring(n FROM 2) FROM people"));
        assertEquals(List.of("t"), relations("SELECT * FROM t WHERE a IS NOT DISTINCT FROM b"));
        assertEquals(List.of(), relations("SELECT * FROM ROWS FROM (f(1), g(2)) AS x"));
    }

    @Test
    void dmlTargetsAreRelations() {
        assertEquals(List.of("t"), relations("INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET b = 1"));
        assertEquals(List.of("t", "u", "v"), relations("UPDATE t SET a = 1 FROM u, v WHERE t.id = u.id"));
        assertEquals(List.of("t", "u"), relations("DELETE FROM t USING u WHERE t.id = u.id RETURNING *"));
        assertEquals(List.of("t", "s"), relations("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE"));
        assertEquals(List.of("log", "t"), relations("WITH i AS (INSERT INTO log VALUES (1) RETURNING *) TABLE t"));
    }

    @Test
    void functionCallsAreFoundButTypesAliasesAndKeywordSyntaxAreNot() {
        assertEquals(List.of("f", "h"), functions("SELECT * FROM f(1) AS g(i), h(2) k(j)"));
        assertEquals(List.of("unnest", "h"), functions("SELECT * FROM unnest(ARRAY[1]) WITH ORDINALITY AS u(x, n), h(1)"));
        assertEquals(List.of(), functions("WITH RECURSIVE r(n) AS (VALUES (1)), s(m) AS (SELECT 2) SELECT * FROM r, s"));
        assertEquals(List.of(), functions("SELECT x::numeric(10,2), CAST(y AS varchar(3)), 'a'::character varying(10)"));
        assertEquals(List.of(), functions("SELECT * FROM t TABLESAMPLE bernoulli (5) REPEATABLE (1)"));
        assertEquals(List.of(), functions(
                "SELECT * FROM t WHERE a IN (1) AND EXISTS (SELECT 1) AND b = ANY(ARRAY[1]) AND c = ROW(1, 2) "
                        + "AND d = coalesce(e, nullif(f, 0), greatest(1, 2))"));
        assertEquals(List.of("count", "percentile_cont"), functions(
                "SELECT count(*) FILTER (WHERE a > 1) OVER (PARTITION BY b), "
                        + "percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM t GROUP BY ROLLUP (a)"));
        assertEquals(List.of("extract", "left", "pg_catalog.nextval", "b.c", "Mixed"),
                functions("SELECT extract(day FROM d), left('abc', 1), pg_catalog.nextval('s'), a.b.c(1), \"Mixed\"()"));
        assertEquals(List.of("nextval"),
                functions("INSERT INTO t (a) VALUES (nextval('s')) ON CONFLICT (a) DO UPDATE SET (a) = (1)"));
    }

    @Test
    void lockingClausesSelectIntoAndDataModifyingStatementsAreDetected() {
        assertTrue(QueryWalker.walk(SqlLexer.tokenize("SELECT * FROM t FOR NO KEY UPDATE OF t")).lockingClause);
        assertTrue(QueryWalker.walk(SqlLexer.tokenize("SELECT * FROM t FOR KEY SHARE SKIP LOCKED")).lockingClause);
        assertFalse(QueryWalker.walk(SqlLexer.tokenize("SELECT substring(a FOR 2), \"for\" FROM t")).lockingClause);

        QueryFacts into = QueryWalker.walk(SqlLexer.tokenize("SELECT * INTO LOCAL TEMP TABLE Copy1 FROM t"));
        assertTrue(into.selectInto);
        assertTrue(into.intoTemporary);
        assertEquals("copy1", into.intoTable);
        assertFalse(QueryWalker.walk(SqlLexer.tokenize("INSERT INTO t SELECT 1")).selectInto);

        assertTrue(QueryWalker.walk(SqlLexer.tokenize("WITH a AS (SELECT 1) UPDATE t SET x = 1")).dataModifying);
        assertTrue(QueryWalker.walk(SqlLexer.tokenize("SELECT * FROM (WITH d AS (DELETE FROM t RETURNING *) "
                + "SELECT * FROM d) s")).dataModifying);
        assertFalse(QueryWalker.walk(SqlLexer.tokenize(
                "SELECT \"update\", 'delete' FROM t FOR UPDATE")).dataModifying);
    }

    private static List<String> relations(String sql) {
        return QueryWalker.walk(SqlLexer.tokenize(sql)).relations.stream().map(QualifiedName::toString).toList();
    }

    private static List<String> functions(String sql) {
        return QueryWalker.walk(SqlLexer.tokenize(sql)).functions.stream().map(QualifiedName::toString).toList();
    }
}
