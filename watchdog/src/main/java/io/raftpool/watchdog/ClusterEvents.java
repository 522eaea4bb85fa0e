package io.raftpool.watchdog;

import io.raftpool.watchdog.admin.ClusterEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens in the cluster as this instance sees it (leader changes, escalations, members lost and found,
 * failovers), for the admin API's watch. Subscribers are called on the publishing thread and must not block;
 * one that throws is dropped.
 */
public final class ClusterEvents {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);

    /** The kinds of event. */
    public enum Kind {
        LEADER_CHANGED, ESCALATED, DE_ESCALATED, MEMBER_JOINED, MEMBER_LOST, MEMBER_FOUND, MEMBER_SHUTDOWN,
        BACKEND_STATUS, PRIMARY_CHANGED, FAILOVER_VOTE, FAILOVER_STARTED, FAILOVER_FINISHED, QUARANTINE
    }

    private final List<Consumer<ClusterEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** Calls {@code subscriber} with every later event until the returned handle is closed. */
    public AutoCloseable subscribe(Consumer<ClusterEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    void publish(Kind kind, String message, long term) {
        ClusterEvent e = new ClusterEvent(Instant.now(), kind.name(), message, term);
        LOG.info("cluster event {}: {}", kind, message);
        for (Consumer<ClusterEvent> s : subscribers) {
            try {
                s.accept(e);
            } catch (RuntimeException ex) {
                LOG.debug("dropping a watch subscriber: {}", ex.toString());
                subscribers.remove(s);
            }
        }
    }
}
