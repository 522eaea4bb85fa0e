package io.raftpool.proxy.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which extended-protocol batches end with a command the proxy answers itself. */
class AdminStatementsTest {

    private final AdminStatements admin = new AdminStatements();
    private final List<ByteBuf> made = new ArrayList<>();

    @AfterEach
    void releaseFrames() {
        made.forEach(ByteBuf::release);
    }

    @Test
    void aBatchEndingWithAnAdminCommandHasItAsItsTail() {
        assertEquals("0 SHOW pool_nodes parsed as S_1",
                tail(parse("S_1", "SHOW pool_nodes"), bind("S_1"), describe('P', ""), execute(), sync()));
        assertEquals("3 pgpool show port parsed as ", tail(parse("", "BEGIN"), bind(""), execute(),
                parse("", " pgpool show port"), bind(""), describe('P', ""), execute(), sync()), "pgjdbc's BEGIN ahead");
        assertEquals("1 SHOW pool_version parsed as ",
                tail(close('S', "S_9"), parse("", "SHOW pool_version"), bind(""), execute(), sync()), "a Close ahead");
    }

    @Test
    void aBatchBindingAnAdminStatementParsedEarlierHasItAsItsTail() {
        admin.parsed("S_1", "SHOW pool_nodes");
        assertEquals("0 SHOW pool_nodes", tail(bind("S_1"), describe('P', ""), execute(), sync()));
        assertEquals("0 SHOW pool_nodes", tail(describe('S', "S_1"), sync()), "a Describe alone");
        assertEquals("3 SHOW pool_nodes", tail(parse("", "BEGIN"), bind(""), execute(), bind("S_1"), execute(), sync()),
                "pgjdbc's BEGIN ahead");
    }

    @Test
    void otherBatchesHaveNone() {
        assertEquals("none", tail(bind("S_1"), execute(), sync()), "nothing remembered");
        admin.parsed("S_1", "SHOW pool_nodes");
        assertEquals("none", tail(bind("S_2"), execute(), sync()), "another statement");
        assertEquals("none", tail(parse("S_1", "SELECT 1"), bind("S_1"), execute(), sync()), "parsed again");
        assertEquals("none", tail(bind("S_1"), execute(), execute(), sync()), "run twice");
        assertEquals("none", tail(execute(), sync()), "an Execute of an open portal binds nothing");
        assertEquals("none", tail(parse("", "SHOW pool_nodes"), bind(""), execute(), parse("", "SELECT 1"), bind(""),
                execute(), sync()), "an admin command that is not the last statement");
        assertEquals("none", tail(parse("", "SHOW work_mem"), bind(""), execute(), sync()), "a SHOW of PostgreSQL's");
    }

    @Test
    void aParseOrCloseOfTheNameForgetsIt() {
        admin.parsed("S_1", "SHOW pool_nodes");
        admin.parsed("S_2", "PGPOOL SHOW port");
        admin.parsed("", "SHOW pool_version");
        admin.forgetReplaced(List.of(close('S', "S_1"), close('P', "S_2"), parse("", "SELECT 1"), sync()));
        assertEquals("none", tail(bind("S_1"), execute(), sync()), "closed");
        assertEquals("none", tail(bind(""), execute(), sync()), "replaced by a new unnamed statement");
        assertEquals("0 PGPOOL SHOW port", tail(bind("S_2"), execute(), sync()),
                "closing a portal of the same name leaves the statement");
    }

    @Test
    void aSimpleQueryEndsTheUnnamedStatementOnly() {
        admin.parsed("", "SHOW pool_version");
        admin.parsed("S_1", "SHOW pool_nodes");
        admin.simpleQuerySent();
        assertEquals("none", tail(bind(""), execute(), sync()));
        assertEquals("0 SHOW pool_nodes", tail(bind("S_1"), execute(), sync()));
    }

    /** The batch's admin tail as "start sql [parsed as name]", or "none". */
    private String tail(ByteBuf... frames) {
        AdminStatements.Tail t = admin.adminTail(List.of(frames));
        return t == null ? "none" : t.start() + " " + t.sql().strip() + (t.parse() == null ? "" : " parsed as " + t.parse()[0]);
    }

    private ByteBuf parse(String name, String sql) {
        return frame('P', name + "\0" + sql + "\0\0\0");
    }

    private ByteBuf bind(String statement) {
        return frame('B', "\0" + statement + "\0\0\0\0\0\0\0");
    }

    private ByteBuf describe(char kind, String name) {
        return frame('D', kind + name + "\0");
    }

    private ByteBuf close(char kind, String name) {
        return frame('C', kind + name + "\0");
    }

    private ByteBuf execute() {
        return frame('E', "\0\0\0\0\0");
    }

    private ByteBuf sync() {
        return frame('S', "");
    }

    private ByteBuf frame(char type, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf f = Unpooled.buffer().writeByte(type).writeInt(4 + b.length).writeBytes(b);
        made.add(f);
        return f;
    }
}
