package org.zhengce.registry.store;

import java.time.Duration;
import java.util.List;

/**
 * Where the registry keeps its events. The state is always derived from the events the store has
 * applied; {@link #append} returns only once the events are visible in {@link #state()}
 * (read-your-writes).
 */
public interface RegistryStore extends AutoCloseable {

    /** The state built from every event applied so far. */
    RegistryState state();

    /**
     * Appends {@code events} in order and waits until they are applied to {@link #state()}.
     *
     * @throws StoreTimeoutException when that takes longer than the store's timeout
     * @throws StoreException when the log cannot be written
     */
    void append(List<RegistryEvent> events);

    /** Whether the store still follows its log; a store that stopped reading cannot accept writes. */
    default boolean following() {
        return true;
    }

    /** How long reading the log to its end took at start ({@link java.time.Duration#ZERO} for a store without one). */
    default Duration caughtUpIn() {
        return Duration.ZERO;
    }

    @Override
    void close();
}
