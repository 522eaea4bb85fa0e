package io.raftpool.proxy.session;

import io.raftpool.conf.Choices.LoadBalanceOnWrite;
import io.raftpool.proxy.ProxySettings;
import io.raftpool.proxy.route.Classification;
import io.raftpool.proxy.route.Effect;
import io.raftpool.proxy.route.Route;
import io.raftpool.proxy.route.SessionFacts;
import io.raftpool.proxy.route.SqlLexer;
import io.raftpool.proxy.route.StatementClassifier;
import io.raftpool.proxy.route.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a session's requests go, with Pgpool-II's transaction rules: reads may go to the session's
 * load-balance node, writes and anything unclear to the primary, session state (SET, BEGIN, ...) to every
 * backend in use. Within an explicit transaction a write keeps the rest of it on the primary
 * (disable_load_balance_on_write), and a SERIALIZABLE transaction stays on the primary.
 */
final class SessionRouter implements SessionFacts {

    /** Where one request (a Query, or an extended-protocol batch up to Sync) goes. */
    enum Target {
        /** The primary only. */
        PRIMARY,
        /** The load-balance node only. */
        LOAD_BALANCE,
        /** Every backend in use; the client sees the primary's answers. */
        ALL,
        /** Every backend in use; the client sees the load-balance node's answers (reads mixed with SET etc.). */
        ALL_READ_ON_LOAD_BALANCE
    }

    private final ProxySettings settings;
    private StatementClassifier classifier;
    private final Set<String> tempTables = new HashSet<>();
    private final Map<String, Route> sqlPrepared = new HashMap<>();
    private final List<String> sessionStateStatements = new ArrayList<>();

    private char transactionStatus = 'I';
    private boolean writeInTransaction;
    private boolean wroteInSession;
    private boolean wroteInExplicitTransaction;
    private boolean loadBalanceNodeInTransaction;
    private boolean serializable;

    SessionRouter(ProxySettings settings, StatementClassifier classifier) {
        this.settings = settings;
        this.classifier = classifier;
    }

    void useClassifier(StatementClassifier c) {
        this.classifier = c;
    }

    /**
     * Classifies a query. With load_balance_mode off every statement goes to the primary (ALL means the one
     * connection too), so nothing the classifier finds can change a route: only DEALLOCATE and DISCARD ALL,
     * which drop prepared statements the session keeps track of, are classified in full.
     */
    Classification classify(String sql) {
        if (settings.loadBalanceMode()) {
            return classifier.classify(sql, this);
        }
        SqlLexer lexer = new SqlLexer(sql);
        Token first = lexer.nextSignificant();
        if (first == null || !first.isKeyword("deallocate") && !first.isKeyword("discard")) {
            return Classifications.UNKNOWN;
        }
        Token second = lexer.nextSignificant();
        return first.isKeyword("deallocate") || second != null && second.isKeyword("all")
                ? classifier.classify(sql, this) : Classifications.UNKNOWN;
    }

    @Override
    public boolean isTempTable(String name) {
        return tempTables.contains(name);
    }

    @Override
    public Route preparedRoute(String name) {
        return sqlPrepared.get(name);
    }

    /**
     * Decides where a request made of these statements goes.
     *
     * @param loadBalanceNodeUsable false when the session's load-balance node is the primary or unusable
     */
    Target decide(List<Classification> statements, boolean loadBalanceNodeUsable) {
        boolean anyPrimary = false;
        boolean anyRead = false;
        boolean anyAll = false;
        boolean beginsTransaction = false;
        for (Classification c : statements) {
            switch (c.route()) {
                case PRIMARY -> anyPrimary = true;
                case LOAD_BALANCE -> anyRead = true;
                case ALL -> anyAll = true;
            }
            beginsTransaction |= c.effects().contains(Effect.BEGIN);
        }
        if (anyPrimary) {
            return Target.PRIMARY;
        }
        boolean readsMayBalance = anyRead && loadBalanceNodeUsable && readsMayBalance(beginsTransaction);
        if (anyAll) {
            return readsMayBalance ? Target.ALL_READ_ON_LOAD_BALANCE : Target.ALL;
        }
        if (!anyRead) {
            return Target.PRIMARY;
        }
        return readsMayBalance ? Target.LOAD_BALANCE : Target.PRIMARY;
    }

    private boolean readsMayBalance(boolean beginsTransaction) {
        if (!settings.loadBalanceMode()) {
            return false;
        }
        boolean inTransaction = transactionStatus != 'I' || beginsTransaction;
        LoadBalanceOnWrite rule = settings.disableLoadBalanceOnWrite();
        if (rule == LoadBalanceOnWrite.ALWAYS && wroteInSession) {
            return false;
        }
        if (rule == LoadBalanceOnWrite.TRANS_TRANSACTION && wroteInExplicitTransaction && inTransaction) {
            return false;
        }
        if (transactionStatus != 'I') {
            if (serializable || !loadBalanceNodeInTransaction) {
                return false;
            }
            if (writeInTransaction && rule != LoadBalanceOnWrite.OFF) {
                return false;
            }
        }
        return true;
    }

    /** Records what the dispatched statements change in the session. */
    void dispatched(List<Classification> statements, Target target, List<String> sqlTexts) {
        boolean reachedLoadBalanceNode = target != Target.PRIMARY;
        for (int i = 0; i < statements.size(); i++) {
            Classification c = statements.get(i);
            Set<Effect> e = c.effects();
            if (e.contains(Effect.BEGIN)) {
                loadBalanceNodeInTransaction = reachedLoadBalanceNode;
                serializable = e.contains(Effect.SERIALIZABLE);
                writeInTransaction = false;
            } else if (e.contains(Effect.SERIALIZABLE) && transactionStatus != 'I') {
                serializable = true;
            }
            if (e.contains(Effect.WRITE) || e.contains(Effect.SETS_WRITING_TRANSACTION)
                    || c.route() == Route.PRIMARY && !e.contains(Effect.LISTEN)) {
                wroteInSession = true;
                if (transactionStatus != 'I' || e.contains(Effect.BEGIN)) {
                    writeInTransaction = true;
                    wroteInExplicitTransaction = true;
                }
            }
            if (e.contains(Effect.CREATES_TEMP_TABLE)) {
                tempTables.addAll(c.tempTablesCreated());
            }
            if (e.contains(Effect.PREPARE) && c.preparedName() != null) {
                sqlPrepared.put(c.preparedName(), c.route());
            }
            if (e.contains(Effect.DEALLOCATE) && c.preparedName() != null) {
                sqlPrepared.remove(c.preparedName());
            }
            if (e.contains(Effect.DEALLOCATE_ALL) || e.contains(Effect.DISCARD_ALL)) {
                sqlPrepared.clear();
            }
            if (e.contains(Effect.DISCARD_ALL)) {
                tempTables.clear();
                sessionStateStatements.clear();
            }
            if (e.contains(Effect.SESSION_STATE) && target != Target.PRIMARY && i < sqlTexts.size()
                    && transactionStatus == 'I' && !e.contains(Effect.BEGIN)) {
                sessionStateStatements.add(sqlTexts.get(i));
            }
        }
    }

    /** The transaction status the client was last told. */
    void readyForQuery(char status) {
        if (status == 'I') {
            writeInTransaction = false;
            serializable = false;
            loadBalanceNodeInTransaction = false;
        }
        transactionStatus = status;
    }

    char transactionStatus() {
        return transactionStatus;
    }

    boolean inTransaction() {
        return transactionStatus != 'I';
    }

    /** SET and similar statements run so far, to replay on a backend connection opened later. */
    List<String> sessionStateStatements() {
        return List.copyOf(sessionStateStatements);
    }
}
