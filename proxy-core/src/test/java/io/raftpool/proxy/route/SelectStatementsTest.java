package io.raftpool.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which queries count in select_cnt. The expected values are what Pgpool-II 4.3.5's SHOW pool_nodes counted
 * for each query sent through it with psql, with load_balance_mode on and off alike.
 */
class SelectStatementsTest {

    @Test
    void countsWhatPgpoolCounts() {
        Map<String, Boolean> pgpool = Map.ofEntries(
                Map.entry("select 1", true),
                Map.entry("SET application_name = 'x'", false),
                Map.entry("DISCARD ALL", false),
                Map.entry("WITH w AS (INSERT INTO h VALUES (1) RETURNING aid) SELECT aid FROM w", true),
                Map.entry("WITH r AS (SELECT 1) SELECT * FROM r", true),
                Map.entry("WITH r AS (SELECT 1) INSERT INTO h SELECT 1 FROM r", false),
                Map.entry("SELECT nextval('x_seq')", true),
                Map.entry("VALUES (1)", true),
                Map.entry("TABLE pgbench_branches", true),
                Map.entry("(SELECT 1)", true),
                Map.entry("SELECT 1 FOR UPDATE", true),
                Map.entry("SELECT 1 INTO TEMP tt", true),
                Map.entry("EXPLAIN SELECT 1", false),
                Map.entry("SELECT 1; SELECT 2", true),
                Map.entry("SET x.y = 1; SELECT 2", false),
                Map.entry("SHOW work_mem", false),
                Map.entry("begin; select 1; commit", false),
                Map.entry("PREPARE p AS SELECT 1; EXECUTE p", false),
                Map.entry("/* c */ SELECT 1", true));
        pgpool.forEach((sql, counted) -> assertEquals(counted, SelectStatements.isSelect(sql), sql));
    }

    @Test
    void findsTheMainStatementPastAnyCteList() {
        assertEquals(true, SelectStatements.isSelect(
                "WITH RECURSIVE t(n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT sum(n) FROM t"));
        assertEquals(true, SelectStatements.isSelect(
                "with a as materialized (select 1), b (x) as not materialized (delete from t returning x) table b"));
        assertEquals(false, SelectStatements.isSelect("WITH a AS (SELECT 1), b AS (SELECT 2) UPDATE t SET x = 1"));
        assertEquals(false, SelectStatements.isSelect("WITH a AS (SELECT 1) MERGE INTO t USING a ON true DO NOTHING"));
        assertEquals(true, SelectStatements.isSelect("WITH a AS (SELECT 1) (SELECT * FROM a)"), "in parentheses");
        assertEquals(true, SelectStatements.isSelect("WITH \"select\" AS (DELETE FROM t RETURNING 1) SELECT 1"));
        assertEquals(false, SelectStatements.isSelect("WITH a AS (SELECT 1"), "unterminated");
        assertEquals(false, SelectStatements.isSelect(""));
        assertEquals(false, SelectStatements.isSelect("-- only a comment"));
    }
}
