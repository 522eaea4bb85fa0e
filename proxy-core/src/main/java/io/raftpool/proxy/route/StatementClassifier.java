package io.raftpool.proxy.route;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides where a query may run in a streaming-replication cluster, following Pgpool-II 4.3: reads are load
 * balanced, writes go to the primary, and transaction control and session settings go to every backend the
 * session uses. It reads only the query text and what the caller's {@link SessionFacts} say; the session's
 * transaction state (inside a transaction, after a write, {@code SERIALIZABLE}...) is the caller's to apply, for
 * which {@link Classification#effects()} report what the query does.
 *
 * <p>A query string holding several statements goes to the primary only ({@link Effect#MULTI_STATEMENT}), as in
 * Pgpool. For a single read, these rules, in this order, send it to the primary instead:
 * <ol>
 *   <li>with {@code allow_sql_comments} off, a {@code SELECT}-shaped statement whose text, after leading white
 *       space, does not start with {@code s}, {@code (}, {@code w} or {@code t} (so one starting with a comment, or
 *       a {@code VALUES}); Pgpool applies this rule to {@code SELECT}s only, so {@code /* x *}{@code / SHOW ...} is
 *       still load balanced;</li>
 *   <li>a leading {@code /*NO LOAD BALANCE*}{@code /} comment, whatever {@code allow_sql_comments} says (Pgpool
 *       4.3 dropped this hint and honours it only as a comment when {@code allow_sql_comments} is off);</li>
 *   <li>a call of a writing function (see {@link FunctionLists}), which also makes it a {@link Effect#WRITE};</li>
 *   <li>a system catalog, temporary table or unlogged table among the relations it reads;</li>
 *   <li>a match in {@code primary_routing_query_pattern_list} (regular expressions over the whole query string).</li>
 * </ol>
 * Instances are immutable and thread-safe; {@link #classify} runs in time linear in the query's length.
 */
public final class StatementClassifier {

    private final FunctionLists functionLists;
    private final PgpoolPatterns primaryRoutingPatterns;
    private final boolean allowSqlComments;

    /**
     * Creates a classifier for the given Pgpool settings.
     *
     * @param writeFunctionList               {@code write_function_list} entries (regular expressions)
     * @param readOnlyFunctionList            {@code read_only_function_list} entries (regular expressions)
     * @param primaryRoutingQueryPatternList  {@code primary_routing_query_pattern_list} entries (regular expressions)
     * @param allowSqlComments                {@code allow_sql_comments}
     */
    public StatementClassifier(List<String> writeFunctionList, List<String> readOnlyFunctionList,
                               List<String> primaryRoutingQueryPatternList, boolean allowSqlComments) {
        this.functionLists = new FunctionLists(writeFunctionList, readOnlyFunctionList);
        this.primaryRoutingPatterns = PgpoolPatterns.compile(primaryRoutingQueryPatternList);
        this.allowSqlComments = allowSqlComments;
    }

    /** Entries of the three lists that are not valid regular expressions and are ignored, as Pgpool ignores them. */
    public List<String> rejectedPatterns() {
        List<String> rejected = new ArrayList<>(functionLists.rejectedPatterns());
        rejected.addAll(primaryRoutingPatterns.rejected());
        return List.copyOf(rejected);
    }

    /**
     * Classifies {@code query}, the text of one Query message (possibly several statements).
     *
     * @param query the SQL text; never makes this method throw, whatever it holds
     * @param facts what the session knows about its temporary tables, prepared statements and functions
     * @return where the query may run and what it does
     */
    public Classification classify(String query, SessionFacts facts) {
        SqlLexer lexer = new SqlLexer(query);
        List<SqlStatement> statements = StatementSplitter.split(query, lexer.remainingSignificant());
        if (statements.size() > 1) {
            return multiStatement(statements, facts);
        }
        StatementAnalysis analysis;
        if (lexer.sawUnterminatedToken() || (!statements.isEmpty() && !statements.get(0).balanced())) {
            analysis = StatementAnalysis.unknown();      // Pgpool sends what it cannot parse to the primary
        } else if (statements.isEmpty()) {
            analysis = StatementAnalysis.read(true, List.of(), List.of());   // Pgpool reads an empty query as a SELECT
        } else {
            analysis = StatementAnalyzer.analyze(statements.get(0).tokens(), facts);
        }
        if (analysis.loadBalanceCandidate) {
            applyReadRules(query, analysis, facts);
        } else if (!analysis.keepsWritingFlag) {
            analysis.effects.add(Effect.SETS_WRITING_TRANSACTION);
        }
        return toClassification(analysis.route, analysis.effects, List.of(analysis));
    }

    private void applyReadRules(String query, StatementAnalysis read, SessionFacts facts) {
        boolean selectQuery = !read.selectStatement || allowSqlComments || startsLikeSelect(query);
        boolean writingFunction = read.executesFunctions && functionLists.anyWriter(read.functions, facts);
        if (writingFunction) {
            read.effects.add(Effect.WRITE);
        }
        if (!selectQuery || writingFunction) {
            read.effects.add(Effect.SETS_WRITING_TRANSACTION);
        }
        boolean primary = !selectQuery || writingFunction || hasNoLoadBalanceHint(query)
                || readsPrimaryOnlyRelation(read.relations, facts) || primaryRoutingPatterns.matches(query);
        read.route = primary ? Route.PRIMARY : Route.LOAD_BALANCE;
    }

    /** Pgpool's test with {@code allow_sql_comments} off: the first non-blank character starts SELECT, WITH, TABLE or "(". */
    private static boolean startsLikeSelect(String query) {
        int i = 0;
        while (i < query.length() && SqlChars.isSpace(query.charAt(i))) {
            i++;
        }
        if (i == query.length()) {
            return true;
        }
        switch (query.charAt(i)) {
            case 's': case 'S': case '(': case 'w': case 'W': case 't': case 'T': case ';':
                return true;
            default:
                return false;
        }
    }

    private static boolean hasNoLoadBalanceHint(String query) {
        if (!SqlLexer.startsWithComment(query)) {
            return false;
        }
        SqlLexer lexer = new SqlLexer(query);
        Token first = lexer.next();
        if (first != null && first.is(TokenKind.WHITESPACE)) {
            first = lexer.next();
        }
        if (first == null || !first.is(TokenKind.COMMENT) || !first.text().startsWith("/*")) {
            return false;
        }
        String text = first.text();
        String body = text.substring(2, text.endsWith("*/") && text.length() >= 4 ? text.length() - 2 : text.length());
        return body.strip().equalsIgnoreCase("NO LOAD BALANCE");
    }

    /** Whether a read touches a relation that a standby lacks or may be behind on. */
    private static boolean readsPrimaryOnlyRelation(List<QualifiedName> relations, SessionFacts facts) {
        for (QualifiedName relation : relations) {
            boolean temporary = relation.schema() == null ? facts.isTempTable(relation.name())
                    : relation.schema().equals("pg_temp");
            if (temporary || relation.isSystemCatalog() || facts.isUnloggedTable(relation.toString())) {
                return true;
            }
        }
        return false;
    }

    /** Several statements: primary only, with the effects of all of them. */
    private Classification multiStatement(List<SqlStatement> statements, SessionFacts facts) {
        EnumSet<Effect> effects = EnumSet.of(Effect.MULTI_STATEMENT);
        List<StatementAnalysis> analyses = new ArrayList<>(statements.size());
        for (SqlStatement statement : statements) {
            StatementAnalysis analysis = StatementAnalyzer.analyze(statement.tokens(), facts);
            if (analysis.loadBalanceCandidate) {
                if (analysis.executesFunctions && functionLists.anyWriter(analysis.functions, facts)) {
                    effects.add(Effect.WRITE);
                    effects.add(Effect.SETS_WRITING_TRANSACTION);
                }
            } else if (!analysis.keepsWritingFlag) {
                effects.add(Effect.SETS_WRITING_TRANSACTION);
            }
            effects.addAll(analysis.effects);
            analyses.add(analysis);
        }
        return toClassification(Route.PRIMARY, effects, analyses);
    }

    private static Classification toClassification(Route route, Set<Effect> effects, List<StatementAnalysis> analyses) {
        if (analyses.size() == 1) {
            StatementAnalysis only = analyses.get(0);
            return new Classification(route, effects, only.preparedName, only.cursorName,
                    distinct(only.tempTablesCreated), tableNames(only.relations));
        }
        String preparedName = null;
        String cursorName = null;
        Set<String> tempTables = new LinkedHashSet<>();
        Set<String> tables = new LinkedHashSet<>();
        for (StatementAnalysis analysis : analyses) {
            preparedName = preparedName != null ? preparedName : analysis.preparedName;
            cursorName = cursorName != null ? cursorName : analysis.cursorName;
            tempTables.addAll(analysis.tempTablesCreated);
            for (QualifiedName relation : analysis.relations) {
                tables.add(relation.toString());
            }
        }
        return new Classification(route, effects, preparedName, cursorName, List.copyOf(tempTables), List.copyOf(tables));
    }

    private static List<String> distinct(List<String> names) {
        return names.size() < 2 ? names : List.copyOf(new LinkedHashSet<>(names));
    }

    /** The relations' names, each once, in order of first appearance. */
    private static List<String> tableNames(List<QualifiedName> relations) {
        switch (relations.size()) {
            case 0:
                return List.of();
            case 1:
                return List.of(relations.get(0).toString());
            default:
                Set<String> names = new LinkedHashSet<>();
                for (QualifiedName relation : relations) {
                    names.add(relation.toString());
                }
                return List.copyOf(names);
        }
    }
}
