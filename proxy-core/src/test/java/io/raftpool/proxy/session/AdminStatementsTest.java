package io.raftpool.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which extended-protocol batches end with a command the proxy answers itself. */
class AdminStatementsTest {

    private final AdminStatements admin = new AdminStatements();
    private final ClientFrames msg = new ClientFrames();

    @AfterEach
    void releaseFrames() {
        msg.releaseAll();
    }

    @Test
    void aBatchEndingWithAnAdminCommandHasItAsItsTail() {
        assertEquals("0 SHOW pool_nodes parsed as S_1", tail(msg.parse("S_1", "SHOW pool_nodes"), msg.bind("S_1"),
                msg.describe('P', ""), msg.execute(), msg.sync()));
        assertEquals("3 pgpool show port parsed as ", tail(msg.parse("", "BEGIN"), msg.bind(""), msg.execute(),
                msg.parse("", " pgpool show port"), msg.bind(""), msg.describe('P', ""), msg.execute(), msg.sync()),
                "pgjdbc's BEGIN ahead");
        assertEquals("1 SHOW pool_version parsed as ", tail(msg.close('S', "S_9"), msg.parse("", "SHOW pool_version"),
                msg.bind(""), msg.execute(), msg.sync()), "a Close ahead");
    }

    @Test
    void aBatchBindingAnAdminStatementParsedEarlierHasItAsItsTail() {
        admin.parsed("S_1", "SHOW pool_nodes");
        assertEquals("0 SHOW pool_nodes", tail(msg.bind("S_1"), msg.describe('P', ""), msg.execute(), msg.sync()));
        assertEquals("0 SHOW pool_nodes", tail(msg.describe('S', "S_1"), msg.sync()), "a Describe alone");
        assertEquals("3 SHOW pool_nodes", tail(msg.parse("", "BEGIN"), msg.bind(""), msg.execute(), msg.bind("S_1"),
                msg.execute(), msg.sync()), "pgjdbc's BEGIN ahead");
    }

    @Test
    void otherBatchesHaveNone() {
        assertEquals("none", tail(msg.bind("S_1"), msg.execute(), msg.sync()), "nothing remembered");
        admin.parsed("S_1", "SHOW pool_nodes");
        assertEquals("none", tail(msg.bind("S_2"), msg.execute(), msg.sync()), "another statement");
        assertEquals("none", tail(msg.parse("S_1", "SELECT 1"), msg.bind("S_1"), msg.execute(), msg.sync()),
                "parsed again");
        assertEquals("none", tail(msg.bind("S_1"), msg.execute(), msg.execute(), msg.sync()), "run twice");
        assertEquals("none", tail(msg.execute(), msg.sync()), "an Execute of an open portal binds nothing");
        assertEquals("none", tail(msg.parse("", "SHOW pool_nodes"), msg.bind(""), msg.execute(),
                msg.parse("", "SELECT 1"), msg.bind(""), msg.execute(), msg.sync()),
                "an admin command that is not the last statement");
        assertEquals("none", tail(msg.parse("", "SHOW work_mem"), msg.bind(""), msg.execute(), msg.sync()),
                "a SHOW of PostgreSQL's");
    }

    @Test
    void aParseOrCloseOfTheNameForgetsIt() {
        admin.parsed("S_1", "SHOW pool_nodes");
        admin.parsed("S_2", "PGPOOL SHOW port");
        admin.parsed("", "SHOW pool_version");
        admin.forgetReplaced(List.of(msg.close('S', "S_1"), msg.close('P', "S_2"), msg.parse("", "SELECT 1"),
                msg.sync()));
        assertEquals("none", tail(msg.bind("S_1"), msg.execute(), msg.sync()), "closed");
        assertEquals("none", tail(msg.bind(""), msg.execute(), msg.sync()), "replaced by a new unnamed statement");
        assertEquals("0 PGPOOL SHOW port", tail(msg.bind("S_2"), msg.execute(), msg.sync()),
                "closing a portal of the same name leaves the statement");
    }

    @Test
    void deallocateForgetsNamedStatements() {
        admin.parsed("S_1", "SHOW pool_nodes");
        admin.parsed("S_2", "PGPOOL SHOW port");
        admin.parsed("", "SHOW pool_version");
        admin.deallocated("S_1");
        assertEquals("none", tail(msg.bind("S_1"), msg.execute(), msg.sync()), "DEALLOCATE S_1");
        assertEquals("0 PGPOOL SHOW port", tail(msg.bind("S_2"), msg.execute(), msg.sync()));
        admin.deallocated(null);
        assertEquals("none", tail(msg.bind("S_2"), msg.execute(), msg.sync()), "DEALLOCATE ALL");
        assertEquals("0 SHOW pool_version", tail(msg.bind(""), msg.execute(), msg.sync()), "unnamed: kept");
    }

    @Test
    void aSimpleQueryEndsTheUnnamedStatementOnly() {
        admin.parsed("", "SHOW pool_version");
        admin.parsed("S_1", "SHOW pool_nodes");
        admin.simpleQuerySent();
        assertEquals("none", tail(msg.bind(""), msg.execute(), msg.sync()));
        assertEquals("0 SHOW pool_nodes", tail(msg.bind("S_1"), msg.execute(), msg.sync()));
    }

    /** The batch's admin tail as "start sql [parsed as name]", or "none". */
    private String tail(ByteBuf... frames) {
        AdminStatements.Tail t = admin.adminTail(List.of(frames));
        return t == null ? "none"
                : t.start() + " " + t.sql().strip() + (t.parse() == null ? "" : " parsed as " + t.parse()[0]);
    }
}
