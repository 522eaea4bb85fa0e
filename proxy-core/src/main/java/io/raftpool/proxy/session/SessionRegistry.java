package io.raftpool.proxy.session;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every client session of this proxy: the keys the proxy hands out in BackendKeyData (so a CancelRequest
 * finds its session), and the num_init_children limit on sessions served at once. Over the limit a new
 * session is refused when reserved_connections is set, and otherwise waits for a slot, as a client of
 * Pgpool-II waits for a free child process.
 */
public final class SessionRegistry {

    private final int limit;
    private final boolean refuseOverLimit;
    private final ConcurrentHashMap<Integer, ClientSession> byProcessId = new ConcurrentHashMap<>();
    private final AtomicInteger nextProcessId = new AtomicInteger(1000);
    private final SecureRandom random = new SecureRandom();
    private final Deque<ClientSession> waiting = new ArrayDeque<>();
    private int active;

    public SessionRegistry(int limit, boolean refuseOverLimit) {
        this.limit = limit;
        this.refuseOverLimit = refuseOverLimit;
    }

    /** Gives the session its process id and secret key. */
    void register(ClientSession s) {
        int pid = nextProcessId.getAndIncrement();
        s.setKey(pid, random.nextInt());
        byProcessId.put(pid, s);
    }

    void unregister(ClientSession s) {
        byProcessId.remove(s.processId(), s);
    }

    /** What to do with a session that wants to start. */
    enum Admission { ADMITTED, REFUSED, WAITING }

    synchronized Admission admit(ClientSession s) {
        if (active < limit) {
            active++;
            return Admission.ADMITTED;
        }
        if (refuseOverLimit) {
            return Admission.REFUSED;
        }
        waiting.addLast(s);
        return Admission.WAITING;
    }

    /** A session ended: its slot goes to the longest waiting session, if any. */
    void leave(ClientSession s) {
        ClientSession next;
        synchronized (this) {
            if (waiting.remove(s)) {
                return;
            }
            next = waiting.pollFirst();
            if (next == null) {
                active--;
                return;
            }
        }
        next.admitted();
    }

    /** Cancels the query of the session with this key; a wrong key is ignored, as PostgreSQL does. */
    void cancel(int processId, int secretKey) {
        ClientSession s = byProcessId.get(processId);
        if (s != null && s.secretKey() == secretKey) {
            s.cancelRunningQuery();
        }
    }

    public Collection<ClientSession> sessions() {
        return List.copyOf(byProcessId.values());
    }
}
