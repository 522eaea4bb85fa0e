package io.raftpool.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StatementClassifierTest {

    /** The session of the corpus: two temporary tables and two prepared statements. */
    private static final SessionFacts CORPUS_FACTS = facts(Set.of("tmp_orders", "scratch"),
            Map.of("lb_stmt", Route.LOAD_BALANCE, "w_stmt", Route.PRIMARY), Set.of());

    private static final StatementClassifier DEFAULTS = classifier(List.of(), List.of(), List.of(), false);
    private static final StatementClassifier COMMENTS_ALLOWED = classifier(List.of(), List.of(), List.of(), true);

    /** One row of route-corpus.tsv. */
    record CorpusRow(int line, Route route, String statement, Set<Effect> present, Set<Effect> absent,
                     boolean allowSqlComments) {
        @Override
        public String toString() {
            return "line " + line + (allowSqlComments ? " [comments allowed]" : "") + ": " + statement;
        }
    }

    static List<CorpusRow> corpus() throws IOException {
        List<CorpusRow> rows = new ArrayList<>();
        boolean allowSqlComments = false;
        try (InputStream in = StatementClassifierTest.class.getResourceAsStream("/route-corpus.tsv")) {
            assertNotNull(in, "route-corpus.tsv is on the test class path");
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith("#@ allow_sql_comments=")) {
                    allowSqlComments = line.endsWith("=on");
                } else if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(parse(lineNumber, line, allowSqlComments));
                }
            }
        }
        return rows;
    }

    private static CorpusRow parse(int lineNumber, String line, boolean allowSqlComments) {
        String[] columns = line.split("\t", -1);
        if (columns.length < 2 || columns.length > 3) {
            throw new IllegalArgumentException("route-corpus.tsv line " + lineNumber + " needs 2 or 3 columns: " + line);
        }
        Set<Effect> present = EnumSet.noneOf(Effect.class);
        Set<Effect> absent = EnumSet.noneOf(Effect.class);
        if (columns.length == 3) {
            for (String name : columns[2].trim().split("\\s+")) {
                if (name.startsWith("!")) {
                    absent.add(Effect.valueOf(name.substring(1)));
                } else {
                    present.add(Effect.valueOf(name));
                }
            }
        }
        return new CorpusRow(lineNumber, Route.valueOf(columns[0]), columns[1], present, absent, allowSqlComments);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusStatementGoesWhereExpected(CorpusRow row) {
        StatementClassifier classifier = row.allowSqlComments() ? COMMENTS_ALLOWED : DEFAULTS;
        Classification result = classifier.classify(row.statement(), CORPUS_FACTS);
        assertEquals(row.route(), result.route(), () -> row + " -> " + result);
        for (Effect effect : row.present()) {
            assertTrue(result.has(effect), () -> row + " lacks " + effect + ": " + result);
        }
        for (Effect effect : row.absent()) {
            assertFalse(result.has(effect), () -> row + " has " + effect + ": " + result);
        }
    }

    @Test
    void corpusHoldsAtLeast150DistinctStatementsCoveringEveryRoute() throws IOException {
        List<CorpusRow> rows = corpus();
        Set<String> distinct = new HashSet<>();
        for (CorpusRow row : rows) {
            assertTrue(distinct.add(row.allowSqlComments() + row.statement()), () -> "duplicate corpus row: " + row);
        }
        assertTrue(rows.size() >= 150, "corpus size " + rows.size());
        for (Route route : Route.values()) {
            assertTrue(rows.stream().anyMatch(row -> row.route() == route), "no corpus row for " + route);
        }
    }

    // --- effects and names -----------------------------------------------------------------------------------

    @Test
    void transactionStartsReportExactlyTheirModes() {
        assertEquals(EnumSet.of(Effect.BEGIN), DEFAULTS.classify("BEGIN", SessionFacts.none()).effects());
        assertEquals(EnumSet.of(Effect.BEGIN, Effect.BEGIN_READ_ONLY, Effect.SERIALIZABLE),
                DEFAULTS.classify("start transaction isolation level serializable read only", SessionFacts.none()).effects());
        assertEquals(EnumSet.of(Effect.BEGIN, Effect.BEGIN_READ_WRITE),
                DEFAULTS.classify("BEGIN READ WRITE", SessionFacts.none()).effects());
        assertEquals(EnumSet.of(Effect.COMMIT_OR_ROLLBACK), DEFAULTS.classify("END WORK", SessionFacts.none()).effects());
    }

    @Test
    void setCommandsReportSessionStateAndPgpoolsWritingFlag() {
        assertEquals(EnumSet.of(Effect.SESSION_STATE, Effect.SETS_WRITING_TRANSACTION),
                DEFAULTS.classify("SET search_path = a", SessionFacts.none()).effects());
        assertEquals(EnumSet.of(Effect.SESSION_STATE, Effect.SET_TRANSACTION_READ_ONLY),
                DEFAULTS.classify("SET TRANSACTION READ ONLY", SessionFacts.none()).effects());
        Classification readWrite = DEFAULTS.classify("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
                SessionFacts.none());
        assertEquals(Route.PRIMARY, readWrite.route());
        assertEquals(EnumSet.of(Effect.SESSION_STATE, Effect.SET_TRANSACTION_READ_WRITE, Effect.SETS_WRITING_TRANSACTION),
                readWrite.effects());
    }

    @Test
    void plainReadHasNoEffectsAndNamesItsTables() {
        Classification read = DEFAULTS.classify(
                "SELECT * FROM Accounts a JOIN sales.\"Orders\" o ON o.a = a.id, LATERAL f(a.id) x, (SELECT 1 FROM t3) s",
                SessionFacts.none());
        assertEquals(Route.LOAD_BALANCE, read.route());
        assertEquals(Set.of(), read.effects());
        assertEquals(List.of("accounts", "sales.Orders", "t3"), read.tablesReferenced());
        assertEquals(List.of(), read.tempTablesCreated());
    }

    @Test
    void writesNameTheirTargetAndSourceTables() {
        assertEquals(List.of("t", "u"),
                DEFAULTS.classify("UPDATE t SET a = u.a FROM u WHERE t.id = u.id", SessionFacts.none()).tablesReferenced());
        assertEquals(List.of("public.t", "s"),
                DEFAULTS.classify("INSERT INTO public.t (a) SELECT a FROM s", SessionFacts.none()).tablesReferenced());
        assertEquals(List.of("t", "s"),
                DEFAULTS.classify("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE", SessionFacts.none())
                        .tablesReferenced());
        assertEquals(List.of("a", "b"),
                DEFAULTS.classify("TRUNCATE a, ONLY b", SessionFacts.none()).tablesReferenced());
        Classification drop = DEFAULTS.classify("DROP TABLE IF EXISTS x, s.y CASCADE", SessionFacts.none());
        assertTrue(drop.has(Effect.DROPS_TABLE));
        assertEquals(List.of("x", "s.y"), drop.tablesReferenced());
    }

    @Test
    void temporaryTablesCreatedAreNamed() {
        assertEquals(List.of("scratch"),
                DEFAULTS.classify("CREATE TEMP TABLE Scratch (a int)", SessionFacts.none()).tempTablesCreated());
        assertEquals(List.of("Mixed"),
                DEFAULTS.classify("create temporary table if not exists \"Mixed\" (a int)", SessionFacts.none())
                        .tempTablesCreated());
        assertEquals(List.of("copy1"),
                DEFAULTS.classify("SELECT * INTO TEMPORARY TABLE copy1 FROM t", SessionFacts.none()).tempTablesCreated());
        assertEquals(List.of("x"),
                DEFAULTS.classify("CREATE TABLE pg_temp.x AS SELECT 1", SessionFacts.none()).tempTablesCreated());
        Classification persistent = DEFAULTS.classify("CREATE TABLE keep (a int)", SessionFacts.none());
        assertFalse(persistent.has(Effect.CREATES_TEMP_TABLE));
        assertEquals(List.of(), persistent.tempTablesCreated());
    }

    @Test
    void readsOfTemporaryTablesGoToThePrimaryOnlyInTheSessionThatHasThem() {
        String query = "SELECT * FROM work_queue WHERE id > 10";
        SessionFacts withTemp = facts(Set.of("work_queue"), Map.of(), Set.of());
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify(query, SessionFacts.none()).route());
        assertEquals(Route.PRIMARY, DEFAULTS.classify(query, withTemp).route());
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify("SELECT * FROM app.work_queue", withTemp).route());
        assertFalse(DEFAULTS.classify(query, withTemp).has(Effect.WRITE));
    }

    @Test
    void readsOfUnloggedTablesGoToThePrimary() {
        SessionFacts withUnlogged = new SessionFacts() {
            @Override
            public boolean isTempTable(String name) {
                return false;
            }

            @Override
            public Route preparedRoute(String name) {
                return null;
            }

            @Override
            public boolean isUnloggedTable(String name) {
                return name.equals("cache.hits");
            }
        };
        assertEquals(Route.PRIMARY, DEFAULTS.classify("SELECT * FROM cache.hits", withUnlogged).route());
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify("SELECT * FROM cache.misses", withUnlogged).route());
    }

    @Test
    void preparedStatementsCarryTheirNameAndExecuteFollowsTheSession() {
        Classification prepare = DEFAULTS.classify("PREPARE Find_User(int) AS SELECT * FROM users WHERE id = $1",
                SessionFacts.none());
        assertEquals(Route.PRIMARY, prepare.route());
        assertEquals(EnumSet.of(Effect.PREPARE, Effect.SETS_WRITING_TRANSACTION), prepare.effects());
        assertEquals("find_user", prepare.preparedName());
        assertEquals(List.of("users"), prepare.tablesReferenced());

        SessionFacts session = facts(Set.of(), Map.of("find_user", Route.LOAD_BALANCE, "Quoted", Route.ALL), Set.of());
        Classification execute = DEFAULTS.classify("EXECUTE find_user(42)", session);
        assertEquals(Route.LOAD_BALANCE, execute.route());
        assertEquals("find_user", execute.preparedName());
        assertTrue(execute.has(Effect.EXECUTE));
        assertEquals(Route.ALL, DEFAULTS.classify("EXECUTE \"Quoted\"", session).route());
        assertEquals(Route.PRIMARY, DEFAULTS.classify("EXECUTE quoted", session).route());
        Classification deallocate = DEFAULTS.classify("DEALLOCATE find_user", session);
        assertEquals(Route.LOAD_BALANCE, deallocate.route());
        assertEquals("find_user", deallocate.preparedName());
    }

    @Test
    void cursorStatementsNameTheirCursor() {
        assertEquals("c1", DEFAULTS.classify("DECLARE c1 NO SCROLL CURSOR FOR SELECT 1", SessionFacts.none()).cursorName());
        assertEquals("c1", DEFAULTS.classify("FETCH BACKWARD 2 FROM C1", SessionFacts.none()).cursorName());
        assertEquals("My Cursor", DEFAULTS.classify("MOVE ALL IN \"My Cursor\"", SessionFacts.none()).cursorName());
        assertEquals("c1", DEFAULTS.classify("CLOSE c1", SessionFacts.none()).cursorName());
        assertEquals(null, DEFAULTS.classify("CLOSE ALL", SessionFacts.none()).cursorName());
        assertEquals(List.of("t"), DEFAULTS.classify("DECLARE c CURSOR FOR SELECT * FROM t", SessionFacts.none())
                .tablesReferenced());
    }

    // --- function lists --------------------------------------------------------------------------------------

    @Test
    void writeFunctionListEntriesAreAnchoredCaseInsensitiveRegularExpressions() {
        StatementClassifier classifier = classifier(List.of("nextval", "setval", "public\\.audit_.*"), List.of(),
                List.of(), false);
        assertEquals(Route.PRIMARY, classifier.classify("SELECT nextval('s')", SessionFacts.none()).route());
        assertEquals(Route.PRIMARY, classifier.classify("SELECT NEXTVAL('s')", SessionFacts.none()).route());
        assertTrue(classifier.classify("SELECT setval('s', 1)", SessionFacts.none()).has(Effect.WRITE));
        assertEquals(Route.PRIMARY, classifier.classify("SELECT public.audit_login(1)", SessionFacts.none()).route());
        // Matched against the name as written: unqualified audit_login is not public.audit_login.
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT audit_login(1)", SessionFacts.none()).route());
        // ^ and $ are added: nextval does not match nextval_wrapper.
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT nextval_wrapper()", SessionFacts.none()).route());
        // With a write list, the built-in volatility knowledge is not used: currval is not listed.
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT currval('s')", SessionFacts.none()).route());
        // Functions matter in reads only; a write stays a write.
        assertEquals(Route.PRIMARY, classifier.classify("INSERT INTO t VALUES (1)", SessionFacts.none()).route());
    }

    @Test
    void readOnlyFunctionListMakesEveryOtherFunctionAWriterAndWinsOverTheWriteList() {
        StatementClassifier classifier = classifier(List.of("nextval"), List.of("count", "lower", "get_.*"),
                List.of(), false);
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT count(*), lower(n) FROM t", SessionFacts.none()).route());
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT get_user(1)", SessionFacts.none()).route());
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT a FROM t", SessionFacts.none()).route());
        Classification max = classifier.classify("SELECT max(a) FROM t", SessionFacts.none());
        assertEquals(Route.PRIMARY, max.route());
        assertTrue(max.has(Effect.WRITE));
        assertEquals(Route.PRIMARY, classifier.classify("SELECT get_user(1), upper(x)", SessionFacts.none()).route());
        // nextval is in the write list, but the read-only list decides: it is not read-only, so it writes.
        assertEquals(Route.PRIMARY, classifier.classify("SELECT nextval('s')", SessionFacts.none()).route());
        // Keywords with call syntax of their own are not functions.
        assertEquals(Route.LOAD_BALANCE, classifier.classify(
                "SELECT coalesce(a, 1), CAST(b AS numeric(5, 2)) FROM t WHERE c IN (1, 2) AND EXISTS (SELECT 1)",
                SessionFacts.none()).route());
    }

    @Test
    void withBothListsEmptyVolatileFunctionsWrite() {
        SessionFacts session = facts(Set.of(), Map.of(), Set.of("my_volatile", "app.bump"));
        assertEquals(Route.PRIMARY, DEFAULTS.classify("SELECT my_volatile()", session).route());
        assertEquals(Route.PRIMARY, DEFAULTS.classify("SELECT app.bump(1)", session).route());
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify("SELECT my_stable()", session).route());
        assertEquals(Route.PRIMARY, DEFAULTS.classify("SELECT gen_random_uuid()", session).route());
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify("SELECT now(), version()", session).route());
    }

    // --- primary_routing_query_pattern_list ------------------------------------------------------------------

    @Test
    void primaryRoutingPatternsMatchTheWholeQueryCaseInsensitively() {
        StatementClassifier classifier = classifier(List.of(), List.of(),
                List.of("SELECT \\* FROM orders.*", ".*for_reporting.*", "SELECT 1", "SELECT \\* FROM Quoted"), false);
        assertEquals(Route.PRIMARY, classifier.classify("SELECT * FROM orders WHERE id = 1", SessionFacts.none()).route());
        assertEquals(Route.PRIMARY, classifier.classify("select * from ORDERS", SessionFacts.none()).route());
        assertEquals(Route.PRIMARY, classifier.classify("SELECT a /* FOR_REPORTING */ FROM t", SessionFacts.none()).route());
        assertEquals(Route.PRIMARY, classifier.classify("SELECT 1", SessionFacts.none()).route());
        // Anchored at both ends.
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT 12", SessionFacts.none()).route());
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT 1;", SessionFacts.none()).route());
        // Double quotes are removed from the query before matching, as Pgpool does.
        assertEquals(Route.PRIMARY, classifier.classify("SELECT * FROM \"Quoted\"", SessionFacts.none()).route());
        // Patterns only keep reads off the standbys; they do not change other routes.
        assertEquals(Route.ALL, classifier.classify("SET x = 'for_reporting'", SessionFacts.none()).route());
        assertFalse(classifier.classify("SELECT 1", SessionFacts.none()).has(Effect.WRITE));
    }

    @Test
    void invalidPatternsAreSkippedAndReported() {
        StatementClassifier classifier = classifier(List.of("bad(", "nextval"), List.of(), List.of("[unclosed", "SELECT 2"),
                false);
        assertEquals(List.of("bad(", "[unclosed"), classifier.rejectedPatterns());
        assertEquals(Route.PRIMARY, classifier.classify("SELECT nextval('s')", SessionFacts.none()).route());
        assertEquals(Route.PRIMARY, classifier.classify("SELECT 2", SessionFacts.none()).route());
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT 3", SessionFacts.none()).route());
    }

    @Test
    void posixBracketClassesWorkInPatterns() {
        StatementClassifier classifier = classifier(List.of("get_[[:digit:]]+"), List.of(), List.of(), false);
        assertEquals(Route.PRIMARY, classifier.classify("SELECT get_42()", SessionFacts.none()).route());
        assertEquals(Route.LOAD_BALANCE, classifier.classify("SELECT get_x()", SessionFacts.none()).route());
    }

    // --- comments --------------------------------------------------------------------------------------------

    @Test
    void leadingCommentsSendSelectsToThePrimaryOnlyWhenCommentsAreNotAllowed() {
        for (String query : List.of("/* app=web */ SELECT 1", "-- app=web\nSELECT 1", "\n  /* x */\nSELECT 1")) {
            assertEquals(Route.PRIMARY, DEFAULTS.classify(query, SessionFacts.none()).route(), query);
            assertEquals(Route.LOAD_BALANCE, COMMENTS_ALLOWED.classify(query, SessionFacts.none()).route(), query);
        }
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify("\n\t SELECT 1", SessionFacts.none()).route());
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify("-- c\nSHOW x", SessionFacts.none()).route());
    }

    @Test
    void noLoadBalanceHintAlwaysSendsToThePrimary() {
        for (StatementClassifier classifier : List.of(DEFAULTS, COMMENTS_ALLOWED)) {
            assertEquals(Route.PRIMARY, classifier.classify("/*NO LOAD BALANCE*/ SELECT 1", SessionFacts.none()).route());
            assertEquals(Route.PRIMARY, classifier.classify(" /* No Load Balance */SHOW x", SessionFacts.none()).route());
            assertEquals(Route.ALL, classifier.classify("/*NO LOAD BALANCE*/ SET x = 1", SessionFacts.none()).route());
        }
        assertEquals(Route.LOAD_BALANCE,
                COMMENTS_ALLOWED.classify("/* NO LOAD BALANCE please */ SELECT 1", SessionFacts.none()).route());
    }

    @Test
    void emptyQueriesAreReadsButACommentOnlyQueryIsNotWhenCommentsAreNotAllowed() {
        for (String empty : List.of("", "   ", ";", " ; ;")) {
            assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify(empty, SessionFacts.none()).route(), "[" + empty + "]");
        }
        assertEquals(Route.PRIMARY, DEFAULTS.classify("/* nothing */", SessionFacts.none()).route());
        assertEquals(Route.LOAD_BALANCE, COMMENTS_ALLOWED.classify("/* nothing */", SessionFacts.none()).route());
    }

    // --- multi-statement strings -----------------------------------------------------------------------------

    @Test
    void multiStatementStringsGoToThePrimaryWithTheEffectsOfEveryStatement() {
        Classification result = DEFAULTS.classify(
                "BEGIN; CREATE TEMP TABLE t1 (a int); PREPARE p AS SELECT 1; SELECT * FROM big; COMMIT",
                SessionFacts.none());
        assertEquals(Route.PRIMARY, result.route());
        assertTrue(result.effects().containsAll(EnumSet.of(Effect.MULTI_STATEMENT, Effect.BEGIN, Effect.CREATES_TEMP_TABLE,
                Effect.PREPARE, Effect.COMMIT_OR_ROLLBACK, Effect.WRITE)), result::toString);
        assertEquals(List.of("t1"), result.tempTablesCreated());
        assertEquals("p", result.preparedName());
        assertEquals(List.of("t1", "big"), result.tablesReferenced());
    }

    // --- robustness ------------------------------------------------------------------------------------------

    @Test
    void classificationIsImmutable() {
        Classification result = DEFAULTS.classify("DELETE FROM t", SessionFacts.none());
        assertThrows(UnsupportedOperationException.class, () -> result.effects().add(Effect.BEGIN));
        assertThrows(UnsupportedOperationException.class, () -> result.tablesReferenced().add("x"));
    }

    @Test
    void deeplyNestedAndLongQueriesAreClassified() {
        String nested = "SELECT " + "(".repeat(50_000) + "1" + ")".repeat(50_000);
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify(nested, SessionFacts.none()).route());
        String manyCopies = "COPY (" .repeat(20_000) + "SELECT 1" + ") TO STDOUT".repeat(20_000);
        assertNotNull(DEFAULTS.classify(manyCopies, SessionFacts.none()).route());
        StringBuilder wide = new StringBuilder("SELECT 1");
        for (int i = 0; i < 20_000; i++) {
            wide.append(", f").append(i).append("(a, 'x;y', $$z$$)");
        }
        assertEquals(Route.LOAD_BALANCE, DEFAULTS.classify(wide + " FROM t", SessionFacts.none()).route());
    }

    @Test
    void arbitraryInputNeverThrows() {
        String[] pieces = {"SELECT", "select", "INSERT", "FROM", "WITH", "FOR", "UPDATE", "(", ")", ";", ",", ".", "'",
            "\"", "$$", "$a$", "$1", "--", "/*", "*/", "E'\\", "U&\"", "::", "=", " ", "\n", "x", "pg_class", "nextval",
            "EXPLAIN", "ANALYZE", "COPY", "TO", "STDOUT", "SET", "BEGIN", "PREPARE", "EXECUTE", "DECLARE", "LOCK", "IN",
            "MODE", "INTO", "TEMP", "TABLE", "CREATE", "DROP", "*", "\\", "é", "\u0000"};
        StatementClassifier patterns = classifier(List.of("x.*"), List.of(), List.of(".*a.*"), false);
        Random random = new Random(20240611L);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder query = new StringBuilder();
            int length = random.nextInt(25);
            for (int j = 0; j < length; j++) {
                query.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextBoolean()) {
                    query.append(' ');
                }
            }
            String text = query.toString();
            assertNotNull(DEFAULTS.classify(text, CORPUS_FACTS).route(), text);
            assertNotNull(patterns.classify(text, CORPUS_FACTS).route(), text);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static StatementClassifier classifier(List<String> write, List<String> readOnly, List<String> patterns,
                                                  boolean allowSqlComments) {
        return new StatementClassifier(write, readOnly, patterns, allowSqlComments);
    }

    private static SessionFacts facts(Set<String> tempTables, Map<String, Route> prepared, Set<String> volatileFunctions) {
        return new SessionFacts() {
            @Override
            public boolean isTempTable(String name) {
                return tempTables.contains(name);
            }

            @Override
            public Route preparedRoute(String name) {
                return prepared.get(name);
            }

            @Override
            public boolean isVolatileFunction(String name) {
                return volatileFunctions.contains(name);
            }
        };
    }
}
