package io.raftpool.proxy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** The current {@link BackendView}, replaced as a whole, with listeners told of each new view. */
public final class BackendViewHolder {

    private final AtomicReference<BackendView> view;
    private final List<Consumer<BackendView>> listeners = new CopyOnWriteArrayList<>();

    public BackendViewHolder(BackendView initial) {
        this.view = new AtomicReference<>(initial);
    }

    public BackendView current() {
        return view.get();
    }

    /** Applies a change and tells the listeners when the view differs. */
    public BackendView update(UnaryOperator<BackendView> change) {
        BackendView before;
        BackendView after;
        do {
            before = view.get();
            after = change.apply(before);
        } while (!view.compareAndSet(before, after));
        if (!after.equals(before)) {
            for (Consumer<BackendView> l : listeners) {
                l.accept(after);
            }
        }
        return after;
    }

    public void subscribe(Consumer<BackendView> listener) {
        listeners.add(listener);
    }
}
