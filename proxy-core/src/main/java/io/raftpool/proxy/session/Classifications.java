package io.raftpool.proxy.session;

import io.raftpool.proxy.route.Classification;
import io.raftpool.proxy.route.Route;
import java.util.List;
import java.util.Set;

/** Classifications the session needs without a statement to classify. */
final class Classifications {
    private Classifications() {
    }

    /** A request whose statement is not known (a Bind to a statement the session never parsed, a function call): primary. */
    static final Classification UNKNOWN = new Classification(Route.PRIMARY, Set.of(), null, null, List.of(), List.of());
}
