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
        Map<String, ParsedStatement> parsedHere = Map.of();   // made when needed: most batches parse nothing
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
                        parsedHere.put(p[0], ParsedStatement.of(c, p[1]));
                    }
                    case Frames.BIND -> {
                        String stmt = Frames.bindStatement(f);
                        ParsedStatement here = parsedHere.get(stmt);
                        statements.bound(Frames.bindPortal(f), here != null ? here.select() : statements.isSelect(stmt));
                        if (here == null) {
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
