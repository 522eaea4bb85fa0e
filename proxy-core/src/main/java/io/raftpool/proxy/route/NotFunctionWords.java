package io.raftpool.proxy.route;

import java.util.Set;

/**
 * Keywords that may be followed by {@code (} without calling a function: PostgreSQL's reserved keywords, the
 * column-name keywords that are types or have their own expression syntax ({@code COALESCE}, {@code EXISTS},
 * {@code ROW}, {@code VALUES}...), the join and comparison keywords, and unreserved keywords that introduce a
 * parenthesised list ({@code OVER}, {@code FILTER}, {@code ON CONFLICT}, {@code ROLLUP}...). The column-name keywords
 * that the server turns into ordinary function calls ({@code EXTRACT}, {@code SUBSTRING}, {@code TRIM},
 * {@code POSITION}, {@code OVERLAY}, {@code NORMALIZE}, {@code TREAT}) are deliberately absent.
 */
final class NotFunctionWords {

    private static final Set<String> WORDS = Set.of(
            // reserved
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast",
            "check", "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role",
            "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do",
            "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in",
            "initially", "intersect", "into", "lateral", "leading", "limit", "localtime", "localtimestamp", "not",
            "null", "offset", "on", "only", "or", "order", "placing", "primary", "references", "returning", "select",
            "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true", "union", "unique", "user",
            "using", "variadic", "when", "where", "window", "with",
            // column-name keywords that are types or special expressions
            "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists",
            "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar",
            "none", "nullif", "numeric", "out", "precision", "real", "row", "setof", "smallint", "time", "timestamp",
            "values", "varchar", "xmlattributes", "xmlconcat", "xmlelement", "xmlexists", "xmlforest",
            "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
            // type-or-function keywords used as operators or join words
            "authorization", "binary", "collation", "concurrently", "cross", "freeze", "full", "ilike", "inner", "is",
            "isnull", "join", "like", "natural", "notnull", "outer", "overlaps", "similar", "tablesample", "verbose",
            // unreserved keywords that introduce a parenthesised list
            "by", "conflict", "cube", "rollup", "sets", "filter", "over", "materialized", "set", "varying", "zone",
            "partition", "range", "rows", "groups", "within", "escape", "at", "double", "insert", "update", "delete",
            "merge", "matched", "ordinality", "recursive", "search", "cycle");

    private NotFunctionWords() {
    }

    /** Whether the lower-case unquoted word {@code word} followed by {@code (} is not a function call. */
    static boolean contains(String word) {
        return WORDS.contains(word);
    }
}
