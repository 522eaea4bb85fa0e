package io.raftpool.proxy;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * An immutable snapshot of every backend: what sessions route by. A new view replaces the old one as a
 * whole (after a failover, an attach, a new primary found), so a session never sees half a change.
 *
 * @param nodes the backends, by id
 */
public record BackendView(List<BackendNode> nodes) {

    public BackendView {
        nodes = List.copyOf(nodes);
    }

    /** The attached primary, if there is one. */
    public Optional<BackendNode> primary() {
        return nodes.stream().filter(n -> n.isPrimary() && n.status().isAttached()).findFirst();
    }

    public Optional<BackendNode> node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst();
    }

    /**
     * Picks a load-balance node among the attached nodes, with probability proportional to backend_weight,
     * as Pgpool-II does per session (or per statement).
     */
    public Optional<BackendNode> pickLoadBalanceNode(RandomGenerator random) {
        double total = 0;
        for (BackendNode n : nodes) {
            if (n.status().isAttached()) {
                total += n.weight();
            }
        }
        if (total <= 0) {
            return primary();
        }
        double r = random.nextDouble() * total;
        BackendNode last = null;
        for (BackendNode n : nodes) {
            if (n.status().isAttached() && n.weight() > 0) {
                last = n;
                r -= n.weight();
                if (r < 0) {
                    return Optional.of(n);
                }
            }
        }
        return Optional.ofNullable(last);
    }

    /** This view with one node replaced. */
    public BackendView with(BackendNode changed) {
        return new BackendView(nodes.stream().map(n -> n.id() == changed.id() ? changed : n).toList());
    }
}
