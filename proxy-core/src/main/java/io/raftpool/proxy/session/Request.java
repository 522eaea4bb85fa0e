package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.route.Classification;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request read from the client and classified, ready to route: a simple Query, a function call, or an
 * extended-protocol batch up to its Sync or Flush.
 *
 * @param frames          the client's messages, owned by the request until they are sent or released
 * @param classifications one per statement the request runs (a Parse, or a Bind of a statement parsed earlier)
 * @param texts           the SQL of the statements the request parses or queries
 * @param sync            the request ends with a Sync or is a Query: ReadyForQuery is due
 * @param referenced      statements parsed by earlier requests that this one binds or describes
 * @param parsed          statements this request parses, by name, with what their Parse told
 * @param selects         how many SELECTs it runs, as SHOW pool_nodes' select_cnt counts them (see
 *                        {@link io.raftpool.proxy.route.SelectStatements}): its Executes of a portal bound
 *                        to a SELECT, or 1 for a Query whose first statement is a SELECT
 */
record Request(List<ByteBuf> frames, List<Classification> classifications, List<String> texts, boolean sync,
        Set<String> referenced, Map<String, ParsedStatement> parsed, int selects) {

    static Request query(ByteBuf frame, Classification c, String sql, boolean select) {
        return new Request(List.of(frame), List.of(c), List.of(sql), true, Set.of(), Map.of(), select ? 1 : 0);
    }

    static Request functionCall(ByteBuf frame) {
        return new Request(List.of(frame), List.of(Classifications.UNKNOWN), List.of(), true, Set.of(), Map.of(), 0);
    }

    void release() {
        frames.forEach(ByteBuf::release);
    }

    /** A batch without Parse or Bind (an Execute of an open portal, a lone Sync) runs no new statement. */
    boolean runsNoStatement() {
        return classifications.isEmpty();
    }

    /** True when the frames hold a Parse or Close, which the statement cache reads once they are sent. */
    boolean changesStatementCache() {
        for (ByteBuf f : frames) {
            byte type = Frames.type(f);
            if (type == Frames.PARSE || type == Frames.CLOSE) {
                return true;
            }
        }
        return false;
    }
}
