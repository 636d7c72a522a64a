package org.zhengce.scoring.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * version unless it is the active one. The one rule, for the topology and for the API that explains scores.
 * Parsed models are cached by version and text (thread-safe); a version that does not parse, or whose text names
 * another version, is skipped with an error in the log (the publishing API refuses such models, so only a
 * hand-made record can).
 *
 * <p>For the topology, the selection itself is held: the global store is read (and its models decoded) again only
 * when it changed ({@link #changed()}, told by the global store's updater) or when a version published for later
 * becomes active, not on every record.
 */
public final class ModelSelection {

    private static final Logger log = LoggerFactory.getLogger(ModelSelection.class);

    private final ScoringModel fallback;
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    /** Bumped on every change of the global store. */
    private final AtomicLong generation = new AtomicLong();

    private volatile @Nullable Held held;

    public ModelSelection(ScoringModel fallback) {
        this.fallback = fallback;
    }

    /** The active and (if any) shadow model. */
    public record Selected(ScoringModel active, @Nullable ScoringModel shadow) {}

    private record Parsed(String text, Optional<ScoringModel> model) {}

    /**
     * A selection made from the store at {@code generation}, good from {@code from} until {@code until} (the next
     * activation of a version published for later; null: none).
     */
    private record Held(
            long generation, Instant from, @Nullable Instant until, Selected selected) {
        boolean goodFor(long current, Instant now) {
            return generation == current && !now.isBefore(from) && (until == null || now.isBefore(until));
        }
    }

    /** Told that the global store of published models changed: the next selection reads it again. */
    void changed() {
        generation.incrementAndGet();
    }

    /** The selection among {@code published} at {@code now}. */
    public Selected select(Iterable<ScoringModelPublished> published, Instant now) {
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
        return new Selected(activeModel, shadowModel);
    }

    /**
     * The selection among the models of the global store (values may be timestamped): the one held while the store
     * has not changed and no version published for later has become active.
     */
    Selected select(ReadOnlyKeyValueStore<String, ?> models, Instant now) {
        long current = generation.get();
        Held known = held;
        if (known != null && known.goodFor(current, now)) {
            return known.selected;
        }
        List<ScoringModelPublished> published = read(models);
        Instant until = null;
        for (ScoringModelPublished candidate : published) {
            Instant at = candidate.getActivatedAt();
            if (at.isAfter(now) && (until == null || at.isBefore(until))) {
                until = at;
            }
        }
        Selected selected = select(published, now);
        held = new Held(current, now, until, selected);
        return selected;
    }

    private static List<ScoringModelPublished> read(ReadOnlyKeyValueStore<String, ?> models) {
        List<ScoringModelPublished> published = new ArrayList<>();
        try (KeyValueIterator<String, ?> all = models.all()) {
            while (all.hasNext()) {
                KeyValue<String, ?> entry = all.next();
                ScoringModelPublished value = unwrap(entry.value);
                if (value != null) {
                    published.add(value);
                }
            }
        }
        return published;
    }

    /** A store value, unwrapped from its timestamp if the store keeps one. */
    public static @Nullable ScoringModelPublished unwrap(@Nullable Object value) {
        if (value instanceof ValueAndTimestamp<?> timestamped) {
            return (ScoringModelPublished) timestamped.value();
        }
        return (ScoringModelPublished) value;
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
            if (read.version().equals(version)) {
                model = Optional.of(read);
            } else {
                log.error("model published as {} says it is {}; ignored", version, read.version());
                model = Optional.empty();
            }
        } catch (InvalidModelException invalid) {
            log.error("model {} does not parse; ignored: {}", version, invalid.getMessage());
            model = Optional.empty();
        }
        parsed.put(version, new Parsed(text, model));
        return model;
    }
}
