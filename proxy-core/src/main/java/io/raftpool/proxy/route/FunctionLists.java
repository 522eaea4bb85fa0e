package io.raftpool.proxy.route;

import java.util.List;
import java.util.stream.Stream;

/**
 * Pgpool-II's rule for whether a function called in a read makes it a write. Function names are matched as
 * {@code name} or {@code schema.name}, as written (so list both forms if queries use both).
 * <ol>
 *   <li>If {@code read_only_function_list} has entries, every function <em>not</em> matching one of them writes;
 *       {@code write_function_list} is then ignored (the two lists are meant to be mutually exclusive).</li>
 *   <li>Otherwise, if {@code write_function_list} has entries, a function writes when it matches one.</li>
 *   <li>With both lists empty, Pgpool treats {@code VOLATILE} functions as writers: built-in ones are known from
 *       {@link VolatileFunctions}, user-defined ones are asked of {@link SessionFacts#isVolatileFunction}.</li>
 * </ol>
 */
final class FunctionLists {

    private final PgpoolPatterns writeFunctions;
    private final PgpoolPatterns readOnlyFunctions;

    FunctionLists(List<String> writeFunctionList, List<String> readOnlyFunctionList) {
        this.writeFunctions = PgpoolPatterns.compile(writeFunctionList);
        this.readOnlyFunctions = PgpoolPatterns.compile(readOnlyFunctionList);
    }

    /** Whether calling {@code function} may write, by the rule above. */
    boolean isWriter(QualifiedName function, SessionFacts facts) {
        String name = function.toString();
        if (readOnlyFunctions.isConfigured()) {
            return !readOnlyFunctions.matches(name);
        }
        if (writeFunctions.isConfigured()) {
            return writeFunctions.matches(name);
        }
        return VolatileFunctions.isBuiltIn(function) || facts.isVolatileFunction(name);
    }

    /** Whether any of {@code functions} may write. */
    boolean anyWriter(List<QualifiedName> functions, SessionFacts facts) {
        for (QualifiedName function : functions) {
            if (isWriter(function, facts)) {
                return true;
            }
        }
        return false;
    }

    /** Entries of either list that are not valid regular expressions and are ignored. */
    List<String> rejectedPatterns() {
        return Stream.concat(writeFunctions.rejected().stream(), readOnlyFunctions.rejected().stream())
                .toList();
    }
}
