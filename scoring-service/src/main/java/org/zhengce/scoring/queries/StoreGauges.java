package org.zhengce.scoring.queries;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * {@code scoring.unresolved.persons}: persons whose events wait on this instance for their household;
 * {@code scoring.portraits}: about how many household portraits this instance holds. NaN while the streams are not
 * running.
 */
class StoreGauges implements MeterBinder {

    private final LocalStores stores;

    StoreGauges(LocalStores stores) {
        this.stores = stores;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "scoring.unresolved.persons",
                "persons whose events wait here for their household",
                LocalStores::unresolvedCount);
        gauge(
                registry,
                "scoring.portraits",
                "household portraits held here (approximate)",
                LocalStores::approximatePortraits);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToLongFunction<LocalStores> count) {
        Gauge.builder(name, stores, s -> {
                    try {
                        return count.applyAsLong(s);
                    } catch (InvalidStateStoreException notRunning) {
                        return Double.NaN;
                    }
                })
                .description(description)
                .register(registry);
    }
}
