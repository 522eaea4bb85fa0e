package io.raftpool.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.route.Classification;
import io.raftpool.proxy.route.Route;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which prepared statements each backend of a session holds, as the Parse and Close messages sent say. */
class StatementCacheTest {

    private final ClientFrames msg = new ClientFrames();
    private static final Classification READ =
            new Classification(Route.LOAD_BALANCE, Set.of(), null, null, List.of(), List.of());

    private final StatementCache statements = new StatementCache();

    @AfterEach
    void release() {
        statements.clear();
        msg.releaseAll();
    }

    @Test
    void aTrackedParseIsKnownOnItsNodesAndParsedAgainElsewhereFromACopy() {
        statements.track(List.of(msg.parse("S_1", "SELECT 1"), msg.sync()),
                Map.of("S_1", new ParsedStatement(READ, true)), Set.of(1), sql -> Classifications.UNKNOWN);
        assertEquals(READ, statements.classification("S_1"), "the batch's classification");
        assertNull(statements.parseFor("S_1", 1), "node 1 has it");
        ByteBuf again = statements.parseFor("S_1", 0);
        assertNotNull(again, "node 0 must parse it first");
        assertEquals("S_1 SELECT 1", String.join(" ", Frames.parse(again)));
        again.release();
        assertNull(statements.parseFor("S_1", 0), "once handed out, node 0 counts as having it");
    }

    @Test
    void aParseSentOnItsOwnIsClassifiedThen() {
        statements.track(List.of(msg.parse("S_2", "INSERT INTO t VALUES (1)")), Map.of(), Set.of(0),
                sql -> sql.startsWith("INSERT") ? Classifications.UNKNOWN : READ);
        assertEquals(Classifications.UNKNOWN, statements.classification("S_2"));
    }

    @Test
    void aCloseOnEveryNodeHoldingTheStatementForgetsIt() {
        statements.track(List.of(msg.parse("S_1", "SELECT 1")), Map.of(), Set.of(0, 1), sql -> Classifications.UNKNOWN);
        statements.track(List.of(msg.close('S', "S_1")), Map.of(), Set.of(0), sql -> Classifications.UNKNOWN);
        assertNotNull(statements.classification("S_1"), "node 1 still holds it");
        statements.track(List.of(msg.close('P', "S_1")), Map.of(), Set.of(1), sql -> Classifications.UNKNOWN);
        assertNotNull(statements.classification("S_1"), "a portal of the same name is another thing");
        statements.track(List.of(msg.close('S', "S_1")), Map.of(), Set.of(1), sql -> Classifications.UNKNOWN);
        assertNull(statements.classification("S_1"));
    }

    @Test
    void deallocateDropsNamedStatementsOnTheNodesItReaches() {
        statements.track(List.of(msg.parse("S_1", "SELECT 1"), msg.parse("S_2", "SELECT 2"), msg.parse("", "SELECT 3")),
                Map.of(), Set.of(0, 1), sql -> Classifications.UNKNOWN);
        statements.deallocated("S_1", Set.of(0, 1));
        assertNull(statements.classification("S_1"), "DEALLOCATE S_1 on both nodes");
        statements.deallocated(null, Set.of(0));
        assertNotNull(statements.classification("S_2"), "DEALLOCATE ALL on node 0 only: node 1 still holds S_2");
        assertNull(statements.parseFor("S_2", 1));
        statements.deallocated(null, Set.of(1));
        assertNull(statements.classification("S_2"));
        assertNotNull(statements.classification(""), "DEALLOCATE keeps the unnamed one");
    }

    @Test
    void onlyClosesOfStatementsNoBackendHoldsNeedNoBackend() {
        statements.track(List.of(msg.parse("S_1", "SELECT 1")), Map.of(), Set.of(0), sql -> Classifications.UNKNOWN);
        assertFalse(statements.needBackends(List.of(msg.close('S', "S_7"), msg.close('S', "S_8"))),
                "statements only the proxy answered");
        assertTrue(statements.needBackends(List.of(msg.close('S', "S_7"), msg.close('S', "S_1"))), "S_1 is on node 0");
        assertTrue(statements.needBackends(List.of(msg.close('P', "S_7"))), "a portal");
        assertTrue(statements.needBackends(List.of(msg.parse("", "BEGIN"), msg.bind(""), msg.execute())),
                "a statement");
    }
}
