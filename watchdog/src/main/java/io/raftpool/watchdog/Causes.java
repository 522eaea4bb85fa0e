package io.raftpool.watchdog;

/** The exception that started a chain of wrappers (CompletionException, ExecutionException, ...). */
final class Causes {

    private Causes() {
    }

    static Throwable root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t != t.getCause()) {
            t = t.getCause();
        }
        return t;
    }

    /** The root cause's message, or its type when it has none. */
    static String rootMessage(Throwable e) {
        Throwable t = root(e);
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
