package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.route.Classification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies the statements of an extended-protocol batch: each Parse by its text, each Bind of a statement
 * parsed by an earlier batch by what the statement cache remembers (unknown: the primary), and notes the
 * earlier statements the batch binds or describes, which a backend may still have to parse.
 */
final class BatchClassifier {
    private BatchClassifier() {
    }

    /** The batch as a request; a malformed message releases every frame and ends the session (PgException). */
    static Request classify(List<ByteBuf> frames, boolean sync, SessionRouter router, StatementCache statements) {
        List<Classification> cs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Map<String, Classification> parsedHere = Map.of();   // made when needed: most batches parse nothing
        Set<String> referenced = Set.of();
        try {
            for (ByteBuf f : frames) {
                switch (Frames.type(f)) {
                    case Frames.PARSE -> {
                        String[] p = Frames.parse(f);
                        Classification c = router.classify(p[1]);
                        cs.add(c);
                        texts.add(p[1]);
                        parsedHere = parsedHere.isEmpty() ? new LinkedHashMap<>() : parsedHere;
                        parsedHere.put(p[0], c);
                    }
                    case Frames.BIND -> {
                        String stmt = Frames.bindStatement(f);
                        if (!parsedHere.containsKey(stmt)) {
                            Classification c = statements.classification(stmt);
                            cs.add(c == null ? Classifications.UNKNOWN : c);
                            referenced = referenced.isEmpty() ? new LinkedHashSet<>() : referenced;
                            referenced.add(stmt);
                        }
                    }
                    case Frames.DESCRIBE -> {
                        String target = Frames.describeOrCloseTarget(f);
                        if (target.charAt(0) == 'S' && !parsedHere.containsKey(target.substring(1))) {
                            referenced = referenced.isEmpty() ? new LinkedHashSet<>() : referenced;
                            referenced.add(target.substring(1));
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (PgException e) {
            frames.forEach(ByteBuf::release);
            throw e;
        }
        return new Request(frames, cs, texts, sync, referenced, parsedHere);
    }
}
