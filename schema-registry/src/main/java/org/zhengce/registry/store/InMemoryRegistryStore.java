package org.zhengce.registry.store;

import java.util.List;

/**
 * A store that keeps its events in memory only, for tests and throw-away runs. Each event goes
 * through the same encoding as the Kafka store, so both stores see the same records.
 */
public final class InMemoryRegistryStore implements RegistryStore {

    private final RegistryState state = new RegistryState();
    private final StoreCodec codec = new StoreCodec();

    @Override
    public RegistryState state() {
        return state;
    }

    @Override
    public synchronized void append(List<RegistryEvent> events) {
        for (RegistryEvent event : events) {
            StoreCodec.Encoded encoded = codec.encode(event);
            codec.decode(encoded.key(), encoded.value()).ifPresent(state::apply);
        }
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
