package io.raftpool.conf.passwd;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The users of a pool_passwd file. Immutable; its {@link #toString()} names users only. */
public final class PoolPasswd {
    private final Map<String, PoolPasswdEntry> byUser;

    /** The entries, of which the first for each user is kept (as Pgpool-II uses the first). */
    public PoolPasswd(List<PoolPasswdEntry> entries) {
        Map<String, PoolPasswdEntry> map = new LinkedHashMap<>();
        for (PoolPasswdEntry entry : entries) {
            map.putIfAbsent(entry.user(), entry);
        }
        this.byUser = Collections.unmodifiableMap(map);
    }

    /** The entry of {@code user} (exact, case-sensitive name), if any. */
    public Optional<PoolPasswdEntry> lookup(String user) {
        return Optional.ofNullable(byUser.get(user));
    }

    /** Every entry, in file order. */
    public List<PoolPasswdEntry> entries() {
        return List.copyOf(byUser.values());
    }

    /** The number of users. */
    public int size() {
        return byUser.size();
    }

    @Override
    public String toString() {
        return "PoolPasswd" + byUser.values();
    }
}
