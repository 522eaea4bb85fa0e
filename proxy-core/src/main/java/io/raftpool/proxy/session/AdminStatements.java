package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the extended-protocol batches that end with a command the proxy answers itself (PGPOOL ...,
 * SHOW pool_*), and keeps the session's prepared statements that hold one: no backend has them, so a later
 * batch that binds one without parsing it again (pgjdbc does this once a PreparedStatement has run
 * prepareThreshold times) is the proxy's to answer too.
 */
final class AdminStatements {

    /**
     * The proxy's part of a batch: its last statement, from message {@code start} to the end.
     *
     * @param parse the statement's Parse as {name, sql}, or null when the batch binds a statement parsed earlier
     */
    record Tail(int start, String sql, String[] parse) {
    }

    private final Map<String, String> sqlByName = new HashMap<>();

    /**
     * The batch's last statement when it is a command of the proxy's: its Parse (or Bind of a statement the
     * proxy answered before) with the Describe, Bind and at most one Execute that follow; null otherwise.
     * What comes before it (pgjdbc sends BEGIN in front of the first statement of a transaction, and the
     * Close of statements it dropped) is the backends'.
     */
    Tail adminTail(List<ByteBuf> frames) {
        if (sqlByName.isEmpty() && !hasParse(frames)) {
            return null;        // the usual prepared-statement batch: nothing to look at
        }
        String name = null;
        String[] parse = null;
        int start = frames.size();
        int executes = 0;
        boolean bound = false;
        for (int i = frames.size() - 1; i >= 0; i--) {
            ByteBuf f = frames.get(i);
            byte type = Frames.type(f);
            String ref = null;
            if (type == Frames.PARSE) {
                if (!mayBeAdmin(f)) {
                    return null;
                }
                String[] p = Frames.parse(f);
                if (name == null || name.equals(p[0])) {
                    parse = p;
                    name = p[0];
                    start = i;
                }
                break;          // the statement starts here, or this Parse is an earlier statement's
            } else if (type == Frames.BIND && !bound) {
                ref = Frames.bindStatement(f);
                bound = true;
            } else if (type == Frames.DESCRIBE) {
                if (f.readableBytes() > 5 && f.getByte(f.readerIndex() + 5) == 'S') {
                    ref = Frames.describeOrCloseTarget(f).substring(1);
                } else if (bound) {
                    break;      // a portal described ahead of the Bind belongs to an earlier statement
                }
            } else if ((type == Frames.EXECUTE || type == Frames.SYNC || type == Frames.FLUSH) && !bound) {
                executes += type == Frames.EXECUTE ? 1 : 0;
            } else {
                break;
            }
            if (ref != null && name != null && !name.equals(ref)) {
                break;
            }
            name = ref != null ? ref : name;
            start = i;
        }
        if (name == null || executes > 1) {
            return null;
        }
        String sql = parse != null ? parse[1] : sqlByName.get(name);
        return sql != null && AdminCommands.isAdmin(sql) ? new Tail(start, sql, parse) : null;
    }

    private static boolean hasParse(List<ByteBuf> frames) {
        for (ByteBuf f : frames) {
            if (Frames.type(f) == Frames.PARSE) {
                return true;
            }
        }
        return false;
    }

    /** The proxy answered a Parse of this command under this name ("" for the unnamed statement). */
    void parsed(String name, String sql) {
        sqlByName.put(name, sql);
    }

    /**
     * Forgets the statements these messages replace or close: a Parse or Close of the same name, sent to a
     * backend or answered by the proxy.
     */
    void forgetReplaced(List<ByteBuf> frames) {
        if (sqlByName.isEmpty()) {
            return;
        }
        for (ByteBuf f : frames) {
            byte type = Frames.type(f);
            if (type == Frames.PARSE) {
                sqlByName.remove(Frames.parse(f)[0]);
            } else if (type == Frames.CLOSE) {
                String target = Frames.describeOrCloseTarget(f);
                if (target.charAt(0) == 'S') {
                    sqlByName.remove(target.substring(1));
                }
            }
        }
    }

    /**
     * DEALLOCATE name, or with a null name DEALLOCATE ALL or DISCARD ALL, went to the backends: PostgreSQL drops
     * the named statements of the extended protocol with those of PREPARE, so the proxy forgets its own too.
     */
    void deallocated(String name) {
        if (name != null) {
            sqlByName.remove(name);
        } else if (!sqlByName.isEmpty()) {
            sqlByName.keySet().removeIf(n -> !n.isEmpty());
        }
    }

    /** A simple Query ends the unnamed statement. */
    void simpleQuerySent() {
        if (!sqlByName.isEmpty()) {
            sqlByName.remove("");
        }
    }

    /**
     * A cheap look at a Parse's query text: an admin command starts (after spaces) with "sh" or "pg", in any
     * case. Most statements are ruled out here without decoding any string.
     */
    private static boolean mayBeAdmin(ByteBuf parse) {
        int end = parse.writerIndex();
        int i = parse.indexOf(parse.readerIndex() + 5, end, (byte) 0) + 1;
        if (i <= 0) {
            return true;    // malformed: Frames.parse reports it
        }
        while (i < end && Character.isWhitespace(parse.getByte(i))) {
            i++;
        }
        if (i + 1 >= end) {
            return false;
        }
        int a = parse.getByte(i) | 0x20;
        int b = parse.getByte(i + 1) | 0x20;
        return a == 's' && b == 'h' || a == 'p' && b == 'g';
    }
}
