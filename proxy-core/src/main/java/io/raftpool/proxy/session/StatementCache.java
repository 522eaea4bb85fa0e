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
 * the copy of its Parse message kept here. It also knows which statements and open portals run a SELECT,
 * for SHOW pool_nodes' select_cnt.
 */
final class StatementCache {

    private static final class Entry {
        final ByteBuf parse;
        final Classification classification;
        final boolean select;
        final Set<Integer> nodes = new HashSet<>();

        Entry(ByteBuf parse, Classification classification, boolean select) {
            this.parse = parse;
            this.classification = classification;
            this.select = select;
        }
    }

    private final Map<String, Entry> statements = new HashMap<>();
    /** Open portals by name: whether the statement bound to each is a SELECT. */
    private final Map<String, Boolean> portalSelects = new HashMap<>();

    /** Records a Parse sent to these nodes; keeps a copy of the frame. */
    void parsed(String name, ByteBuf parseFrame, ParsedStatement parsed, Set<Integer> nodes) {
        Entry e = new Entry(parseFrame.copy(), parsed.classification(), parsed.select());
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
    void track(List<ByteBuf> frames, Map<String, ParsedStatement> parsedHere, Set<Integer> nodes,
            Function<String, Classification> classify) {
        for (ByteBuf f : frames) {
            byte type = Frames.type(f);
            if (type == Frames.PARSE) {
                String[] p = Frames.parse(f);
                ParsedStatement known = parsedHere.get(p[0]);
                parsed(p[0], f, known != null ? known : ParsedStatement.of(classify.apply(p[1]), p[1]), nodes);
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

    /** Whether the statement is a SELECT (false when the session never parsed it). */
    boolean isSelect(String name) {
        Entry e = statements.get(name);
        return e != null && e.select;
    }

    /** A Bind opened this portal on a statement that is a SELECT or not. */
    void bound(String portal, boolean select) {
        portalSelects.put(portal, select);
    }

    /** A Close of the portal. */
    void portalClosed(String portal) {
        portalSelects.remove(portal);
    }

    /** Whether an Execute of this portal runs a SELECT. */
    boolean portalRunsSelect(String portal) {
        return Boolean.TRUE.equals(portalSelects.get(portal));
    }

    /** The transaction ended (ReadyForQuery 'I'): PostgreSQL closed every portal. */
    void transactionEnded() {
        if (!portalSelects.isEmpty()) {
            portalSelects.clear();
        }
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

    /** Forgets every statement and portal (the end of the session). */
    void clear() {
        statements.values().forEach(e -> e.parse.release());
        statements.clear();
        portalSelects.clear();
    }

    /** A backend connection went away: nothing is parsed on it any more. */
    void forgetNode(int node) {
        statements.values().forEach(e -> e.nodes.remove(node));
    }
}
