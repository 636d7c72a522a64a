package org.zhengce.scoring.activation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.zhengce.events.ModelRole;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.scoring.model.InvalidModelException;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.streams.Stores;

/**
 * The published model versions, from the topology's global store {@link Stores#MODELS} (every instance holds every
 * version), and which of them scores now: the ACTIVE version with the latest {@code activatedAt} not in the future
 * (the built-in default until one is published), and likewise the SHADOW version unless it is the active one; a
 * version whose text does not parse as the model it says it is, is skipped. The same rule as the topology's.
 *
 * <p>Reads throw {@link InvalidStateStoreException} while the streams are not running (starting, rebalancing).
 */
public class PublishedModels {

    private final StreamsBuilderFactoryBean streams;
    private final ScoringModel fallback;
    /** One query service per KafkaStreams: the service keeps the first it sees, a restart makes a new one. */
    private volatile KafkaStreamsInteractiveQueryService queries;
    /** version → the text last parsed and its model (empty when it did not parse, or is another version). */
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();

    PublishedModels(StreamsBuilderFactoryBean streams, ScoringModel fallback) {
        this.streams = streams;
        this.fallback = fallback;
        this.queries = queryService();
        streams.addListener(new StreamsBuilderFactoryBean.Listener() {
            @Override
            public void streamsAdded(String id, KafkaStreams kafkaStreams) {
                queries = queryService();
            }
        });
    }

    private KafkaStreamsInteractiveQueryService queryService() {
        KafkaStreamsInteractiveQueryService service = new KafkaStreamsInteractiveQueryService(streams);
        // a store that is not there yet is a 503 at once, not after the default's seconds of retries
        service.setRetryTemplate(new RetryTemplate(RetryPolicy.withMaxRetries(0)));
        return service;
    }

    /** The model that scores and the one in the shadow (if any) at a time. */
    public record Selection(ScoringModel active, @Nullable ScoringModel shadow) {}

    private record Parsed(String text, Optional<ScoringModel> model) {}

    /** Every published version, oldest activation first. */
    public List<ScoringModelPublished> all() {
        List<ScoringModelPublished> all = new ArrayList<>();
        try (KeyValueIterator<String, Object> entries = store().all()) {
            while (entries.hasNext()) {
                KeyValue<String, Object> entry = entries.next();
                ScoringModelPublished published = unwrap(entry.value);
                if (published != null) {
                    all.add(published);
                }
            }
        }
        all.sort(Comparator.comparing(ScoringModelPublished::getActivatedAt)
                .thenComparing(ScoringModelPublished::getModelVersion));
        return all;
    }

    /** The version as last published, if it was. */
    public Optional<ScoringModelPublished> find(String version) {
        return Optional.ofNullable(unwrap(store().get(version)));
    }

    /** The active and shadow model at {@code now}. */
    public Selection select(Instant now) {
        return select(all(), now);
    }

    Selection select(List<ScoringModelPublished> published, Instant now) {
        ScoringModelPublished active = null;
        ScoringModelPublished shadow = null;
        for (ScoringModelPublished candidate : published) {
            if (candidate.getActivatedAt().isAfter(now) || parse(candidate).isEmpty()) {
                continue;
            }
            if (candidate.getRole() == ModelRole.ACTIVE && later(candidate, active)) {
                active = candidate;
            } else if (candidate.getRole() == ModelRole.SHADOW && later(candidate, shadow)) {
                shadow = candidate;
            }
        }
        ScoringModel activeModel = active == null ? fallback : parse(active).orElseThrow();
        ScoringModel shadowModel = shadow == null ? null : parse(shadow).orElseThrow();
        if (shadowModel != null && shadowModel.version().equals(activeModel.version())) {
            shadowModel = null;
        }
        return new Selection(activeModel, shadowModel);
    }

    private static boolean later(ScoringModelPublished candidate, @Nullable ScoringModelPublished current) {
        return current == null || candidate.getActivatedAt().isAfter(current.getActivatedAt());
    }

    private Optional<ScoringModel> parse(ScoringModelPublished published) {
        String version = published.getModelVersion();
        String text = published.getModel();
        Parsed known = parsed.get(version);
        if (known != null && known.text().equals(text)) {
            return known.model();
        }
        Optional<ScoringModel> model;
        try {
            ScoringModel read = ScoringModel.fromYaml(text);
            model = read.version().equals(version) ? Optional.of(read) : Optional.empty();
        } catch (InvalidModelException invalid) {
            model = Optional.empty();
        }
        parsed.put(version, new Parsed(text, model));
        return model;
    }

    private ReadOnlyKeyValueStore<String, Object> store() {
        try {
            return queries.retrieveQueryableStore(Stores.MODELS, QueryableStoreTypes.keyValueStore());
        } catch (IllegalStateException | IllegalArgumentException notRunning) {
            throw unavailable(notRunning);
        }
    }

    /** The store's own exception when the query service wrapped it, otherwise one naming why. */
    static InvalidStateStoreException unavailable(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidStateStoreException invalid) {
                return invalid;
            }
        }
        return new InvalidStateStoreException("the models store is not available yet: " + e.getMessage(), e);
    }

    private static @Nullable ScoringModelPublished unwrap(@Nullable Object value) {
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            return (ScoringModelPublished) timestamped.value();
        }
        return (ScoringModelPublished) value;
    }
}
