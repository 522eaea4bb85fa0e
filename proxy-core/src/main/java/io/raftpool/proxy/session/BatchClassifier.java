package io.raftpool.proxy.session;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.route.Classification;
import io.raftpool.proxy.route.SelectStatements;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Classifies the statements of an extended-protocol batch: each Parse by its text, each Bind of a statement
 * parsed by an earlier batch by what the statement cache remembers (unknown: the primary), and notes the
 * earlier statements the batch binds or describes, which a backend may still have to parse. Counts the
 * Executes that run a SELECT, for select_cnt, noting in the statement cache what each Bind opens.
 */
final class BatchClassifier {
    private BatchClassifier() {
    }

    /** The batch as a request; a malformed message releases every frame and ends the session (PgException). */
    static Request classify(List<ByteBuf> frames, boolean sync, SessionRouter router, StatementCache statements) {
        List<Classification> cs = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        Map<String, Classification> parsedHere = Map.of();   // made when needed: most batches parse nothing
        Set<String> selectsParsedHere = Set.of();
        Set<String> referenced = Set.of();
        int selects = 0;
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
                        if (SelectStatements.isSelect(p[1])) {
                            selectsParsedHere = selectsParsedHere.isEmpty() ? new HashSet<>() : selectsParsedHere;
                            selectsParsedHere.add(p[0]);
                        } else if (!selectsParsedHere.isEmpty()) {
                            selectsParsedHere.remove(p[0]);     // parsed again under the same name
                        }
                    }
                    case Frames.BIND -> {
                        String stmt = Frames.bindStatement(f);
                        boolean here = parsedHere.containsKey(stmt);
                        statements.bound(Frames.bindPortal(f),
                                here ? selectsParsedHere.contains(stmt) : statements.isSelect(stmt));
                        if (!here) {
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
                    case Frames.EXECUTE -> selects += statements.portalRunsSelect(Frames.executePortal(f)) ? 1 : 0;
                    case Frames.CLOSE -> {
                        String target = Frames.describeOrCloseTarget(f);
                        if (target.charAt(0) == 'P') {
                            statements.portalClosed(target.substring(1));
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
        return new Request(frames, cs, texts, sync, referenced, parsedHere, selects);
    }
}
