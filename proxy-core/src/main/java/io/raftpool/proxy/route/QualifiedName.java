package io.raftpool.proxy.route;

import java.util.List;

/**
 * A possibly schema-qualified name of a relation or function, case-folded as the server folds it.
 *
 * @param schema the schema, or {@code null} when unqualified (a catalog in a three-part name is dropped)
 * @param name   the relation or function name
 */
record QualifiedName(String schema, String name) {

    /** {@code schema.name}, or {@code name} when unqualified; the form Pgpool matches its function lists against. */
    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }

    /** Whether this names something in {@code pg_catalog}, explicitly or by the {@code pg_} prefix of an unqualified name. */
    boolean isSystemCatalog() {
        return schema == null ? name.startsWith("pg_") : schema.equals("pg_catalog");
    }

    /**
     * Reads the dotted name whose first part is {@code tokens[first]} (which must be a name) and returns it; the
     * index of its last token is {@code lastIndex(tokens, first)}.
     */
    static QualifiedName read(List<Token> tokens, int first) {
        int last = lastIndex(tokens, first);
        int parts = (last - first) / 2 + 1;
        String name = tokens.get(last).text();
        String schema = parts >= 2 ? tokens.get(last - 2).text() : null;
        return new QualifiedName(schema, name);
    }

    /** The index of the last token of the dotted name starting at {@code first}. */
    static int lastIndex(List<Token> tokens, int first) {
        int last = first;
        while (last + 2 < tokens.size() && tokens.get(last + 1).is(TokenKind.DOT) && tokens.get(last + 2).isName()) {
            last += 2;
        }
        return last;
    }
}
