package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.route.Classification;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The extended-protocol prepared statements of a session: how each was classified, and on which backends
 * it is parsed. A statement parsed on a standby and later needed on the primary is parsed there again from
 * the copy of its Parse message kept here.
 */
final class StatementCache {

    private static final class Entry {
        final ByteBuf parse;
        final Classification classification;
        final Set<Integer> nodes = new HashSet<>();

        Entry(ByteBuf parse, Classification classification) {
            this.parse = parse;
            this.classification = classification;
        }
    }

    private final Map<String, Entry> statements = new HashMap<>();

    /** Records a Parse sent to these nodes; keeps a copy of the frame. */
    void parsed(String name, ByteBuf parseFrame, Classification c, Set<Integer> nodes) {
        Entry e = new Entry(parseFrame.copy(), c);
        e.nodes.addAll(nodes);
        Entry old = statements.put(name, e);
        if (old != null) {
            old.parse.release();
        }
    }

    /**
     * Keeps the cache in step with the Parse and Close messages among frames, just sent to these nodes; a
     * Parse not in parsedHere (sent on its own, after its batch was pinned) is classified with classify.
     */
    void track(List<ByteBuf> frames, Map<String, Classification> parsedHere, Set<Integer> nodes,
            Function<String, Classification> classify) {
        for (ByteBuf f : frames) {
            byte type = Frames.type(f);
            if (type == Frames.PARSE) {
                String[] p = Frames.parse(f);
                Classification c = parsedHere.get(p[0]);
                parsed(p[0], f, c != null ? c : classify.apply(p[1]), nodes);
            } else if (type == Frames.CLOSE) {
                String target = Frames.describeOrCloseTarget(f);
                if (target.charAt(0) == 'S') {
                    closed(target.substring(1), nodes);
                }
            }
        }
    }

    /**
     * True when these messages need a backend: anything but a Close, or the Close of a portal or of a
     * statement a backend holds. (A Close of a statement only the proxy knows, such as an admin command's,
     * the proxy can answer itself.)
     */
    boolean needBackends(List<ByteBuf> frames) {
        for (ByteBuf f : frames) {
            if (Frames.type(f) != Frames.CLOSE) {
                return true;
            }
            String target = Frames.describeOrCloseTarget(f);
            if (target.charAt(0) == 'P' || classification(target.substring(1)) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * DEALLOCATE name, or with a null name DEALLOCATE ALL or DISCARD ALL, reached these nodes: PostgreSQL
     * drops the named statements of the extended protocol with those of PREPARE. (The unnamed statement stays.)
     */
    void deallocated(String name, Set<Integer> nodes) {
        if (name != null) {
            closed(name, nodes);
            return;
        }
        for (String n : List.copyOf(statements.keySet())) {
            if (!n.isEmpty()) {
                closed(n, nodes);
            }
        }
    }

    /** A Close of the statement reached these nodes. */
    void closed(String name, Set<Integer> nodes) {
        Entry e = statements.get(name);
        if (e != null) {
            e.nodes.removeAll(nodes);
            if (e.nodes.isEmpty()) {
                statements.remove(name).parse.release();
            }
        }
    }

    /** How the statement was classified, or null if the session never parsed it. */
    Classification classification(String name) {
        Entry e = statements.get(name);
        return e == null ? null : e.classification;
    }

    /** A fresh copy of the statement's Parse message when it is known but not parsed on node, else null. */
    ByteBuf parseFor(String name, int node) {
        Entry e = statements.get(name);
        if (e == null || e.nodes.contains(node)) {
            return null;
        }
        e.nodes.add(node);
        return e.parse.retainedDuplicate();
    }

    /** Forgets every statement (DISCARD ALL, end of session). */
    void clear() {
        statements.values().forEach(e -> e.parse.release());
        statements.clear();
    }

    /** A backend connection went away: nothing is parsed on it any more. */
    void forgetNode(int node) {
        statements.values().forEach(e -> e.nodes.remove(node));
    }
}
