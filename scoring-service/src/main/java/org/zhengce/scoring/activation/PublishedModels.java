package org.zhengce.scoring.activation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.streams.ModelSelection;
import org.zhengce.scoring.streams.ScoringStreams;
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

    /** The streams the binder runs now: a store that is not there yet is a 503 at once, not after retries. */
    private final ScoringStreams streams;
    /** The topology's own rule, so the API explains scores with the model the topology scores with. */
    private final ModelSelection selection;

    PublishedModels(ScoringStreams streams, ScoringModel fallback) {
        this.streams = streams;
        this.selection = new ModelSelection(fallback);
    }

    /** The model that scores and the one in the shadow (if any) at a time. */
    public record Selection(ScoringModel active, @Nullable ScoringModel shadow) {}

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
        ModelSelection.Selected selected = selection.select(published, now);
        return new Selection(selected.active(), selected.shadow());
    }

    private ReadOnlyKeyValueStore<String, Object> store() {
        try {
            return streams.store(Stores.MODELS, QueryableStoreTypes.keyValueStore());
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
        return ModelSelection.unwrap(value);
    }
}
