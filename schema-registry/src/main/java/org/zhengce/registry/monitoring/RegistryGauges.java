package org.zhengce.registry.monitoring;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.TimeUnit;
import org.zhengce.registry.store.RegistryStore;
import org.zhengce.registry.store.SchemaVersion;
import org.zhengce.registry.subjects.SchemaRegistry;

/**
 * What the registry holds and how its store fares: {@code registry.schemas} (distinct schema ids of live versions),
 * {@code registry.subjects} (subjects with a live version), {@code registry.versions} (live versions), {@code
 * registry.store.following} (1 while the store reads its topic, 0 once it stopped) and {@code
 * registry.store.catch.up} (how long reading the topic to its end took at start).
 */
public final class RegistryGauges implements MeterBinder {

    private final SchemaRegistry registry;
    private final RegistryStore store;

    public RegistryGauges(SchemaRegistry registry, RegistryStore store) {
        this.registry = registry;
        this.store = store;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder(
                        "registry.schemas",
                        registry,
                        r -> r.schemas("", false, false).stream()
                                .mapToInt(SchemaVersion::id)
                                .distinct()
                                .count())
                .description("Distinct schema ids held by live versions")
                .register(meters);
        Gauge.builder(
                        "registry.subjects",
                        registry,
                        r -> r.subjects("", false, false).size())
                .description("Subjects with a live version")
                .register(meters);
        Gauge.builder(
                        "registry.versions",
                        registry,
                        r -> r.schemas("", false, false).size())
                .description("Live versions of every subject")
                .register(meters);
        Gauge.builder("registry.store.following", store, s -> s.following() ? 1 : 0)
                .description("1 while the store follows its topic, 0 once it stopped (writes then time out)")
                .register(meters);
        TimeGauge.builder(
                        "registry.store.catch.up",
                        store,
                        TimeUnit.MILLISECONDS,
                        s -> s.caughtUpIn().toMillis())
                .description("How long the store took to read its topic to the end at start")
                .register(meters);
    }
}
