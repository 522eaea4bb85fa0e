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

    /**
     * A SELECT in a session that sends everything to the primary (load_balance_mode off): a read as far as
     * select_cnt is concerned, which the router sends to the primary all the same.
     */
    static final Classification SELECT_ON_PRIMARY =
            new Classification(Route.LOAD_BALANCE, Set.of(), null, null, List.of(), List.of());
}
