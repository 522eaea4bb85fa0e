package io.raftpool.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.raftpool.conf.Config;
import io.raftpool.proxy.ProxySettings;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import io.raftpool.proxy.route.Classification;
import io.raftpool.proxy.route.Route;
import io.raftpool.proxy.route.StatementClassifier;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How an extended-protocol batch becomes a request: the route of each statement it runs, and what it refers to. */
class BatchClassifierTest {

    private final ClientFrames msg = new ClientFrames();
    private final ProxySettings settings = ProxySettings.from(Config.defaults());
    private final SessionRouter router = new SessionRouter(settings, new StatementClassifier(
            settings.writeFunctions(), settings.readOnlyFunctions(), settings.primaryRoutingPatterns(),
            settings.allowSqlComments()));
    private final StatementCache statements = new StatementCache();

    @AfterEach
    void release() {
        statements.clear();
        msg.releaseAll();
    }

    @Test
    void eachParseIsClassifiedByItsText() {
        Request r = classify(true, msg.parse("", "SELECT 1"), msg.bind(""), msg.execute(),
                msg.parse("S_2", "INSERT INTO t VALUES (1)"), msg.bind("S_2"), msg.execute(), msg.sync());
        assertEquals(List.of(Route.LOAD_BALANCE, Route.PRIMARY), routes(r));
        assertEquals(List.of("SELECT 1", "INSERT INTO t VALUES (1)"), r.texts());
        assertEquals(Set.of("", "S_2"), r.parsed().keySet());
        assertEquals(Set.of(), r.referenced(), "bound in the batch that parses it");
        assertTrue(r.sync());
        assertEquals(1, r.selects(), "one Execute of a SELECT");
        assertTrue(r.changesStatementCache());
    }

    @Test
    void aBindOfAnEarlierStatementTakesItsRememberedClassification() {
        parsedEarlier("S_1", "SELECT 1");
        Request r = classify(true, msg.bind("S_1"), msg.execute(), msg.sync());
        assertEquals(List.of(Route.LOAD_BALANCE), routes(r));
        assertEquals(Set.of("S_1"), r.referenced(), "a backend that lacks S_1 must parse it first");
        assertEquals(1, r.selects());
        assertFalse(r.changesStatementCache());
    }

    @Test
    void aBindOfAStatementNeverParsedGoesToThePrimary() {
        Request r = classify(true, msg.bind("S_9"), msg.execute(), msg.sync());
        assertEquals(List.of(Route.PRIMARY), routes(r));
        assertEquals(Set.of("S_9"), r.referenced());
    }

    @Test
    void aDescribeOfAnEarlierStatementRefersToItButRunsNothing() {
        Request r = classify(false, msg.describe('S', "S_1"), msg.describe('S', ""), msg.frame('H', ""));
        assertEquals(Set.of("S_1", ""), r.referenced());
        assertTrue(r.runsNoStatement());
        assertFalse(r.sync(), "ended by Flush");
        Request same = classify(true, msg.parse("S_3", "SELECT 2"), msg.describe('S', "S_3"), msg.sync());
        assertEquals(Set.of(), same.referenced(), "described in the batch that parses it");
    }

    @Test
    void aLoneSyncOrAnExecuteOfAnOpenPortalRunsNoNewStatement() {
        assertTrue(classify(true, msg.sync()).runsNoStatement());
        assertTrue(classify(true, msg.execute(), msg.sync()).runsNoStatement());
    }

    @Test
    void selectCntCountsEachExecuteOfAPortalBoundToASelect() {
        Request r = classify(true, msg.parse("S_1", "WITH w AS (DELETE FROM t RETURNING x) SELECT x FROM w"),
                msg.parse("S_2", "SHOW work_mem"), msg.bind("S_1"), msg.execute(), msg.execute(),
                msg.bind("S_2"), msg.execute(), msg.sync());
        assertEquals(2, r.selects(), "two Executes of the SELECT (its CTE deletes), none of the SHOW");

        parsedEarlier("S_3", "VALUES (1)");
        ByteBuf bindPortal = msg.frame('B', "C_1\0S_3\0\0\0\0\0\0\0");
        ByteBuf executePortal = msg.frame('E', "C_1\0\0\0\0\0");
        assertEquals(1, classify(false, bindPortal, executePortal, msg.frame('H', "")).selects());
        ByteBuf fetchMore = msg.frame('E', "C_1\0\0\0\0\0");
        assertEquals(1, classify(true, fetchMore, msg.sync()).selects(), "the portal is still open: a fetch counts");
        statements.transactionEnded();
        ByteBuf afterEnd = msg.frame('E', "C_1\0\0\0\0\0");
        assertEquals(0, classify(true, afterEnd, msg.sync()).selects(), "no portal after the transaction");
    }

    @Test
    void aPortalClosedAndBoundAgainInOneBatchStaysOpen() {
        parsedEarlier("S_4", "SELECT 4");
        ByteBuf close = msg.close('P', "C_2");
        ByteBuf bind = msg.frame('B', "C_2\0S_4\0\0\0\0\0\0\0");
        ByteBuf execute = msg.frame('E', "C_2\0\0\0\0\1");
        assertEquals(1, classify(false, close, bind, execute, msg.frame('H', "")).selects());
        assertTrue(statements.portalRunsSelect("C_2"), "the Close came first, the Bind opened it again");
        classify(false, msg.close('P', "C_2"), msg.frame('H', ""));
        assertFalse(statements.portalRunsSelect("C_2"));
    }

    @Test
    void aMalformedMessageReleasesTheWholeBatch() {
        ByteBuf parse = msg.frame('P', "S_1\0SELECT 1");     // the statement text lacks its terminator
        ByteBuf sync = msg.sync();
        PgException e = assertThrows(PgException.class, () -> classify(true, parse, sync));
        assertEquals(SqlState.PROTOCOL_VIOLATION, e.sqlState());
        assertTrue(e.isFatal(), "the session ends");
        assertEquals(0, parse.refCnt());
        assertEquals(0, sync.refCnt());
    }

    /** A statement an earlier batch parsed on node 0. */
    private void parsedEarlier(String name, String sql) {
        statements.parsed(name, msg.parse(name, sql), ParsedStatement.of(router.classify(sql), sql), Set.of(0));
    }

    private Request classify(boolean sync, ByteBuf... frames) {
        return BatchClassifier.classify(List.of(frames), sync, router, statements);
    }

    private static List<Route> routes(Request r) {
        return r.classifications().stream().map(Classification::route).toList();
    }
}
