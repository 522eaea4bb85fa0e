package io.raftpool.proxy.route;

import java.util.List;

/**
 * Transaction control and session settings: {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END},
 * {@code ROLLBACK}, {@code ABORT}, savepoints, two-phase commit, {@code SET}, {@code RESET} and {@code DISCARD},
 * routed as Pgpool-II 4.3 routes them in streaming-replication mode. Pgpool sends most of them to every backend,
 * but a few only to the primary, because a standby would reject them or they only matter where writes happen:
 * <ul>
 *   <li>{@code SET TRANSACTION READ WRITE}, {@code SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE} and
 *       {@code SET transaction_read_only = off};</li>
 *   <li>{@code SET TRANSACTION ISOLATION LEVEL SERIALIZABLE}, its session-characteristics form and
 *       {@code SET [default_]transaction_isolation = 'serializable'};</li>
 *   <li>{@code SET CONSTRAINTS} (not a {@code SET} in Pgpool's parse tree: it falls to "other statements");</li>
 *   <li>{@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}, {@code ROLLBACK PREPARED}.</li>
 * </ul>
 * {@code BEGIN READ WRITE} and {@code BEGIN ISOLATION LEVEL SERIALIZABLE} still go to every backend (Pgpool sends a
 * plain {@code BEGIN} to the standbys; see {@link Effect#BEGIN_READ_WRITE} and {@link Effect#SERIALIZABLE}).
 */
final class SessionCommands {

    private SessionCommands() {
    }

    /** The analysis of a transaction or session command, or {@code null} if {@code tokens} is not one. */
    static StatementAnalysis analyze(List<Token> tokens) {
        switch (tokens.get(0).text()) {
            case "begin":
                return begin(tokens, Tokens.skip(tokens, 1, "work", "transaction"));
            case "start":
                return Tokens.is(tokens, 1, "transaction") ? begin(tokens, 2) : null;
            case "commit":
                return Tokens.is(tokens, 1, "prepared") ? twoPhaseCommit() : endTransaction();
            case "end": case "abort":
                return endTransaction();
            case "rollback":
                return rollback(tokens);
            case "savepoint": case "release":
                return StatementAnalysis.of(Route.ALL, Effect.SAVEPOINT);
            case "set":
                return set(tokens);
            case "reset":
                return StatementAnalysis.of(Route.ALL, Effect.SESSION_STATE);
            case "discard":
                return discard(tokens);
            default:
                return null;
        }
    }

    /** Two-phase commit: primary only; Pgpool does not count it as a writing query. */
    static StatementAnalysis twoPhaseCommit() {
        return StatementAnalysis.of(Route.PRIMARY, Effect.TWO_PHASE_COMMIT, Effect.WRITE).keepingWritingFlag();
    }

    private static StatementAnalysis endTransaction() {
        return StatementAnalysis.of(Route.ALL, Effect.COMMIT_OR_ROLLBACK).keepingWritingFlag();
    }

    private static StatementAnalysis begin(List<Token> tokens, int modesAt) {
        TransactionModes modes = TransactionModes.parse(tokens, modesAt);
        StatementAnalysis begin = StatementAnalysis.of(Route.ALL, Effect.BEGIN).keepingWritingFlag();
        if (modes.readOnly) {
            begin.effects.add(Effect.BEGIN_READ_ONLY);
        }
        if (modes.readWrite) {
            begin.effects.add(Effect.BEGIN_READ_WRITE);
        }
        if (modes.serializable) {
            begin.effects.add(Effect.SERIALIZABLE);
        }
        return begin;
    }

    /** {@code ROLLBACK PREPARED}, {@code ROLLBACK [WORK|TRANSACTION] TO [SAVEPOINT] name}, or a plain rollback. */
    private static StatementAnalysis rollback(List<Token> tokens) {
        if (Tokens.is(tokens, 1, "prepared")) {
            return twoPhaseCommit();
        }
        if (Tokens.is(tokens, Tokens.skip(tokens, 1, "work", "transaction"), "to")) {
            // Pgpool counts ROLLBACK TO with COMMIT and ROLLBACK when it resets its writing-transaction flag.
            return StatementAnalysis.of(Route.ALL, Effect.SAVEPOINT).keepingWritingFlag();
        }
        return endTransaction();
    }

    private static StatementAnalysis set(List<Token> tokens) {
        int i = 1;
        if (Tokens.is(tokens, 1, "session") && Tokens.is(tokens, 2, "characteristics")) {
            return transactionModes(tokens, Tokens.is(tokens, 3, "as") ? 5 : 4);
        }
        if (Tokens.is(tokens, 1, "local") || (Tokens.is(tokens, 1, "session") && !Tokens.is(tokens, 2, "authorization"))) {
            i = 2;
        }
        if (Tokens.is(tokens, i, "transaction") && !Tokens.is(tokens, i + 1, "snapshot")) {
            return transactionModes(tokens, i + 1);
        }
        if (Tokens.is(tokens, i, "constraints")) {
            return StatementAnalysis.of(Route.PRIMARY);
        }
        StatementAnalysis set = StatementAnalysis.of(Route.ALL, Effect.SESSION_STATE);
        if (!Tokens.isName(tokens, i)) {
            return set;
        }
        String variable = QualifiedName.read(tokens, i).toString();
        int valueAt = QualifiedName.lastIndex(tokens, i) + 1;
        if (!Tokens.is(tokens, valueAt, "to") && !(valueAt < tokens.size() && tokens.get(valueAt).text().equals("="))) {
            return set;
        }
        String value = valueAt + 1 < tokens.size() ? tokens.get(valueAt + 1).text() : "";
        if (variable.equals("transaction_read_only")) {
            Boolean readOnly = parseBoolean(value);
            if (Boolean.TRUE.equals(readOnly)) {
                set.effects.add(Effect.SET_TRANSACTION_READ_ONLY);
                set.keepingWritingFlag();
            } else if (Boolean.FALSE.equals(readOnly)) {
                set.effects.add(Effect.SET_TRANSACTION_READ_WRITE);
                set.route = Route.PRIMARY;
            }
        } else if ((variable.equals("transaction_isolation") || variable.equals("default_transaction_isolation"))
                && value.equalsIgnoreCase("serializable")) {
            set.effects.add(Effect.SERIALIZABLE);
            set.route = Route.PRIMARY;
            set.keepingWritingFlag();
        }
        return set;
    }

    /** {@code SET [SESSION CHARACTERISTICS AS] TRANSACTION modes}: modes start at {@code modesAt}. */
    private static StatementAnalysis transactionModes(List<Token> tokens, int modesAt) {
        TransactionModes modes = TransactionModes.parse(tokens, modesAt);
        StatementAnalysis set = StatementAnalysis.of(Route.ALL, Effect.SESSION_STATE);
        if (modes.readOnly) {
            set.effects.add(Effect.SET_TRANSACTION_READ_ONLY);
            set.keepingWritingFlag();
        }
        if (modes.readWrite) {
            set.effects.add(Effect.SET_TRANSACTION_READ_WRITE);
            set.route = Route.PRIMARY;
        }
        if (modes.serializable) {
            set.effects.add(Effect.SERIALIZABLE);
            set.route = Route.PRIMARY;
            set.keepingWritingFlag();
        }
        return set;
    }

    private static StatementAnalysis discard(List<Token> tokens) {
        StatementAnalysis discard = StatementAnalysis.of(Route.ALL, Effect.SESSION_STATE);
        if (Tokens.is(tokens, 1, "all")) {
            discard.effects.add(Effect.DISCARD_ALL);
        } else if (Tokens.is(tokens, 1, "temp") || Tokens.is(tokens, 1, "temporary")) {
            discard.effects.add(Effect.DISCARD_TEMP);
        }
        return discard;
    }

    /**
     * PostgreSQL's boolean spellings (unique prefixes of true/false/yes/no, on/off, 1/0), or {@code null}.
     * Pgpool recognises only off/f/false/0 and on/t/true/1; accepting every spelling the server accepts keeps
     * {@code SET transaction_read_only = no} away from standbys, which would reject it.
     */
    static Boolean parseBoolean(String text) {
        String value = SqlChars.lowerAscii(text.strip());
        if (value.isEmpty()) {
            return null;
        }
        if ("true".startsWith(value) || "yes".startsWith(value) || value.equals("on") || value.equals("1")) {
            return Boolean.TRUE;
        }
        if ("false".startsWith(value) || "no".startsWith(value) || value.equals("0")
                || (value.length() >= 2 && "off".startsWith(value))) {
            return Boolean.FALSE;
        }
        return null;
    }

    /** The read/write and isolation modes of {@code BEGIN}, {@code START TRANSACTION} and {@code SET TRANSACTION}. */
    private static final class TransactionModes {
        boolean readOnly;
        boolean readWrite;
        boolean serializable;

        static TransactionModes parse(List<Token> tokens, int from) {
            TransactionModes modes = new TransactionModes();
            for (int i = from; i < tokens.size(); i++) {
                if (Tokens.is(tokens, i, "isolation") && Tokens.is(tokens, i + 1, "level")) {
                    modes.serializable |= Tokens.is(tokens, i + 2, "serializable");
                    i += 2;
                } else if (Tokens.is(tokens, i, "read") && Tokens.is(tokens, i + 1, "only")) {
                    modes.readOnly = true;
                } else if (Tokens.is(tokens, i, "read") && Tokens.is(tokens, i + 1, "write")) {
                    modes.readWrite = true;
                }
            }
            return modes;
        }
    }
}
