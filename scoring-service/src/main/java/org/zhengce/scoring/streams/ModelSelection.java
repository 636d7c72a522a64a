package org.zhengce.scoring.streams;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.events.ModelRole;
import org.zhengce.events.ScoringModelPublished;
import org.zhengce.scoring.model.InvalidModelException;
import org.zhengce.scoring.model.ScoringModel;

/**
 * Which model scores and which runs in the shadow, from the published versions: the ACTIVE version with the latest
 * {@code activatedAt} not in the future (the built-in default until one is published), and likewise the SHADOW
 * version unless it is the active one. Parsed models are cached by version; a version that does not parse is
 * skipped with an error in the log (the publishing API refuses such models, so only a hand-made record can).
 */
final class ModelSelection {

    private static final Logger log = LoggerFactory.getLogger(ModelSelection.class);

    private final ScoringModel fallback;
    private final Map<String, ScoringModel> parsed = new HashMap<>();

    ModelSelection(ScoringModel fallback) {
        this.fallback = fallback;
    }

    /** The active and (if any) shadow model at {@code now}. */
    record Selected(ScoringModel active, @Nullable ScoringModel shadow) {}

    Selected select(ReadOnlyKeyValueStore<String, ?> models, Instant now) {
        ScoringModelPublished active = null;
        ScoringModelPublished shadow = null;
        try (KeyValueIterator<String, ?> all = models.all()) {
            while (all.hasNext()) {
                KeyValue<String, ?> entry = all.next();
                ScoringModelPublished published = unwrap(entry.value);
                if (published == null || published.getActivatedAt().isAfter(now) || parse(published) == null) {
                    continue;
                }
                if (published.getRole() == ModelRole.ACTIVE && later(published, active)) {
                    active = published;
                } else if (published.getRole() == ModelRole.SHADOW && later(published, shadow)) {
                    shadow = published;
                }
            }
        }
        ScoringModel activeModel = active == null ? fallback : parse(active);
        ScoringModel shadowModel = shadow == null ? null : parse(shadow);
        if (shadowModel != null && shadowModel.version().equals(activeModel.version())) {
            shadowModel = null;
        }
        return new Selected(activeModel, shadowModel);
    }

    private static boolean later(ScoringModelPublished candidate, @Nullable ScoringModelPublished current) {
        return current == null || candidate.getActivatedAt().isAfter(current.getActivatedAt());
    }

    private static @Nullable ScoringModelPublished unwrap(@Nullable Object value) {
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            return (ScoringModelPublished) timestamped.value();
        }
        return (ScoringModelPublished) value;
    }

    private @Nullable ScoringModel parse(ScoringModelPublished published) {
        String version = published.getModelVersion();
        if (!parsed.containsKey(version)) {
            try {
                ScoringModel model = ScoringModel.fromYaml(published.getModel());
                parsed.put(version, model.version().equals(version) ? model : null);
                if (!model.version().equals(version)) {
                    log.error("model published as {} says it is {}; ignored", version, model.version());
                }
            } catch (InvalidModelException invalid) {
                log.error("model {} does not parse; ignored: {}", version, invalid.getMessage());
                parsed.put(version, null);
            }
        }
        return parsed.get(version);
    }
}
