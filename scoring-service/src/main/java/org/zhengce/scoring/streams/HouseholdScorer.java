package org.zhengce.scoring.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zhengce.events.AssistanceGranted;
import org.zhengce.events.Dimension;
import org.zhengce.events.DimensionScores;
import org.zhengce.events.HouseholdEvent;
import org.zhengce.events.HouseholdNumber;
import org.zhengce.events.HouseholdScoreChanged;
import org.zhengce.events.WarningClearReason;
import org.zhengce.kit.tracing.TraceParent;
import org.zhengce.scoring.model.Assessment;
import org.zhengce.scoring.model.ScoringModel;
import org.zhengce.scoring.portrait.Portrait;
import org.zhengce.scoring.portrait.Portraits;
import org.zhengce.scoring.portrait.Retention;
import org.zhengce.scoring.warnings.Assessed;
import org.zhengce.scoring.warnings.WarningDecider;
import org.zhengce.scoring.warnings.WarningState;

/**
 * Keyed by household: applies each event to the household's portrait, scores it with the active model, and emits a
 * {@link HouseholdScoreChanged} when the score changes, and asks the {@link WarningDecider} what the assessment does to
 * the household's warning: a {@link org.zhengce.events.HouseholdWarningEvent} when it is raised, escalated or cleared,
 * with the reasons ({@link WarningEvents}); nothing when it is de-escalated or unchanged.
 * A shadow model, if one is published, is scored beside it into the shadow store and emits nothing.
 *
 * <p>On wall-clock time ({@code tick}) it re-scores households whose facts age out of a window (their due time,
 * from the assessment) or who are due for re-screening, and, after a model switch, every household from its stored
 * portrait, in slices bounded in households and in time ({@link #SLICE_BUDGET}) taken every {@link #SLICE_INTERVAL}
 * until it is done, so that no transaction grows too long. An event that cannot be applied, or that the model
 * fails on, is thrown as a {@link ProcessingFailure}: the gate after its source sends it to the processing dead
 * letters. A household the model fails on during a tick is logged and passed over.
 */
final class HouseholdScorer implements Processor<String, HouseholdEvent, String, SpecificRecord> {

    /** Header naming why a record went to a dead-letter topic (on the processing lane: the kind of fault). */
    static final String DLQ_REASON = DeadLetterHeaders.REASON;

    private static final Logger log = LoggerFactory.getLogger(HouseholdScorer.class);

    /**
     * The wall-clock time one task's slice of a re-score may take. A stream thread punctuates every task it runs (a
     * dozen on one instance) before it commits, and an exactly-once transaction left open longer than
     * {@code transaction.timeout.ms} (10 s in Kafka Streams) is aborted and its producer fenced: a slice sized in
     * households alone outgrew that on a busy machine (130,000 households, issue 16's full benchmark run).
     */
    static final Duration SLICE_BUDGET = Duration.ofMillis(100);

    /**
     * How soon the next slice comes while a re-score runs: between the thread's polls, not a tick later, so that a
     * re-score takes the time its households need and not a tick per slice.
     */
    static final Duration SLICE_INTERVAL = Duration.ofMillis(10);

    private final ModelSelection models;
    private final Duration tick;
    private final int rescoreSlice;
    private final WarningDecider warnings;
    private final Retention retention;
    private final int keptDecoded;

    private ProcessorContext<String, SpecificRecord> context;
    /** Each household's one record: portrait, score, warning, due time. */
    private KeyValueStore<String, HouseholdRecord> households;
    /** The same records, the last ones used kept decoded; emptied on every init and close of the task. */
    private HouseholdRecords records;
    /** The states of households still in the format before {@link HouseholdRecord}, until their next assessment. */
    private KeyValueStore<String, HouseholdState> legacyStates;

    private KeyValueStore<String, ShadowEntry> shadow;
    private KeyValueStore<String, String> due;
    private ReadOnlyKeyValueStore<String, ?> published;

    private @Nullable String activeVersion;
    private @Nullable String shadowVersion;
    /** While re-scoring after a model switch: the next household to re-score ("" = from the start). */
    private @Nullable String rescoreCursor;

    private @Nullable String shadowCursor;
    /** The punctuation that takes the next slices while a re-score runs; null when none runs. */
    private @Nullable Cancellable slicing;
    /** The traceparent header of the event being scored, null between events and on a tick. */
    private @Nullable Header cause;

    HouseholdScorer(
            ModelSelection models, Duration tick, int rescoreSlice, WarningDecider warnings, Retention retention) {
        this(models, tick, rescoreSlice, warnings, retention, HouseholdRecords.KEPT);
    }

    /** @param keptDecoded how many households' records the task keeps decoded ({@link HouseholdRecords}) */
    HouseholdScorer(
            ModelSelection models,
            Duration tick,
            int rescoreSlice,
            WarningDecider warnings,
            Retention retention,
            int keptDecoded) {
        this.keptDecoded = keptDecoded;
        this.warnings = warnings;
        this.retention = retention;
        this.models = models;
        this.tick = tick;
        this.rescoreSlice = rescoreSlice;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.households = context.getStateStore(Stores.PORTRAITS);
        // a task (re)initialised after a dirty close reads its households as restored, never as the aborted
        // transaction left them (ADR 0031)
        this.records = new HouseholdRecords(households, keptDecoded);
        this.legacyStates = context.getStateStore(Stores.STATES);
        this.shadow = context.getStateStore(Stores.SHADOW);
        this.due = context.getStateStore(Stores.DUE);
        this.published = context.getStateStore(Stores.MODELS);
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::onTick);
    }

    /** The household's record as this task keeps it decoded, if it does (for tests). */
    @Nullable
    HouseholdRecord kept(String household) {
        return records.kept(household);
    }

    /** Called when the task is suspended or closed, cleanly or dirty: nothing decoded outlives it. */
    @Override
    public void close() {
        if (records != null) {
            records.forget();
        }
    }

    @Override
    public void process(Record<String, HouseholdEvent> record) {
        // what this event causes carries its trace on (ADR 0023): one header looked up, no span per event
        cause = record.headers().lastHeader(TraceParent.HEADER);
        try {
            score(record);
        } finally {
            cause = null;
        }
    }

    private void score(Record<String, HouseholdEvent> record) {
        String household = record.key();
        HouseholdEvent event = record.value();
        HouseholdRecord stored = records.get(household);
        Portrait portrait = stored == null ? Portraits.empty(household) : stored.portrait();
        Portrait updated;
        try {
            updated = Portraits.apply(portrait, event, retention);
        } catch (RuntimeException impossible) {
            // to the processing dead letters (the gate after the source), with nothing changed
            throw new ProcessingFailure(
                    ProcessingFailure.Reason.UNAPPLICABLE,
                    "event " + event.getPlatformEventId() + " cannot be applied to the portrait of household "
                            + household,
                    impossible);
        }
        ModelSelection.Selected selected = select();
        Instant now = now();
        WarningClearReason clearReason = event.getFact() instanceof AssistanceGranted
                ? WarningClearReason.ASSISTANCE_GRANTED
                : WarningClearReason.SCORE_BELOW_LINE;
        // scored before it is kept: if the model fails on the event, the portrait does not take it, so the household's
        // next events are scored as before, and a replay after the fix applies it
        Assessment active = assess(household, updated, stored, selected.active(), now, event.getEventId(), clearReason);
        if (selected.shadow() != null) {
            try {
                shadow(household, updated, selected, now, active);
            } catch (RuntimeException candidateFailed) {
                // a candidate's fault is the shadow report's, not the event's: it is logged and left out
                log.warn(
                        "shadow model {} failed on household {}, left out of the shadow report: {}",
                        Objects.requireNonNull(selected.shadow()).version(),
                        household,
                        ProcessingDeadLetterGate.masked(candidateFailed.toString()));
            }
        }
    }

    private void onTick(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        ModelSelection.Selected selected = select();
        if (!selected.active().version().equals(activeVersion)) {
            // at start (activeVersion null) too: the pass re-scores only households scored under another version
            log.info(
                    "active model {} (was {} on this task): re-scoring households scored under another version",
                    selected.active().version(),
                    activeVersion == null ? "not yet known" : activeVersion);
            activeVersion = selected.active().version();
            rescoreCursor = "";
        }
        String newShadow = selected.shadow() == null ? null : selected.shadow().version();
        if (!Objects.equals(newShadow, shadowVersion)) {
            shadowVersion = newShadow;
            shadowCursor = newShadow == null ? null : "";
            if (newShadow == null) {
                clearShadow();
            }
        }
        onSlice(wallClockMs);
        rescoreDue(selected.active(), now);
    }

    /** A slice of the re-score and of the shadow pass that run; the quick punctuation ends when both are done. */
    private void onSlice(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        ModelSelection.Selected selected = select();
        long deadline = System.nanoTime() + SLICE_BUDGET.toNanos();
        if (rescoreCursor != null) {
            String version = selected.active().version();
            rescoreCursor = slice(rescoreCursor, deadline, (household, stored) -> {
                HouseholdState before = stateOf(household, stored);
                if (before == null || !before.modelVersion().equals(version)) {
                    assess(
                            household,
                            stored.portrait(),
                            stored,
                            selected.active(),
                            now,
                            null,
                            WarningClearReason.MODEL_CHANGED);
                }
            });
        }
        if (shadowCursor != null && selected.shadow() != null) {
            shadowCursor = slice(
                    shadowCursor,
                    deadline,
                    (household, stored) -> shadow(
                            household,
                            stored.portrait(),
                            selected,
                            now,
                            selected.active().assess(stored.portrait(), now)));
        }
        boolean running = rescoreCursor != null || (shadowCursor != null && selected.shadow() != null);
        if (running && slicing == null) {
            slicing = context.schedule(SLICE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::onSlice);
        } else if (!running && slicing != null) {
            slicing.cancel();
            slicing = null;
        }
    }

    /**
     * Re-scores one household on a tick; a household the model fails on is logged and passed over, so that one
     * household never stops a tick (there is no record to dead-letter: its next event is, if the model still fails).
     * Kafka's own failures are not the household's: a fenced producer or a migrated task is thrown on, for the stream
     * thread to rejoin its group (passing over every household after it would only log each one).
     */
    private void rescore(String household, Runnable rescoring) {
        try {
            rescoring.run();
        } catch (KafkaException kafkas) {
            throw kafkas;
        } catch (RuntimeException failed) {
            log.error(
                    "household {} could not be re-scored on this tick, passed over: {}",
                    household,
                    ProcessingDeadLetterGate.masked(failed.toString()));
        }
    }

    /**
     * Re-scores up to a slice of households from {@code from}, stopping early at {@code deadline} ({@link
     * System#nanoTime()}); returns where to go on, or null when done.
     */
    private @Nullable String slice(
            String from, long deadline, java.util.function.BiConsumer<String, HouseholdRecord> action) {
        List<KeyValue<String, HouseholdRecord>> batch = new ArrayList<>();
        try (KeyValueIterator<String, HouseholdRecord> all =
                from.isEmpty() ? households.all() : households.range(from, null)) {
            while (all.hasNext() && batch.size() <= rescoreSlice) {
                batch.add(all.next());
            }
        }
        int end = Math.min(batch.size(), rescoreSlice);
        for (int i = 0; i < end; i++) {
            if (i > 0 && System.nanoTime() - deadline > 0) {
                return batch.get(i).key;
            }
            KeyValue<String, HouseholdRecord> next = batch.get(i);
            rescore(next.key, () -> action.accept(next.key, next.value));
        }
        return batch.size() > rescoreSlice ? batch.get(rescoreSlice).key : null;
    }

    /** Households whose score changes by now without a new event: a fact left its window, or re-screening. */
    private void rescoreDue(ScoringModel active, Instant now) {
        List<KeyValue<String, String>> ready = new ArrayList<>();
        try (KeyValueIterator<String, String> entries = due.range("", dueKey(now, "\uffff"))) {
            entries.forEachRemaining(ready::add);
        }
        for (KeyValue<String, String> entry : ready) {
            due.delete(entry.key);
            HouseholdRecord stored = records.get(entry.value);
            HouseholdState state = stateOf(entry.value, stored);
            if (stored != null && state != null && entry.key.equals(state.dueKey())) {
                rescore(
                        entry.value,
                        () -> assess(
                                entry.value,
                                stored.portrait(),
                                stored,
                                active,
                                now,
                                null,
                                WarningClearReason.SCORE_BELOW_LINE));
            }
        }
    }

    /**
     * The household's state: from its record, or, for a household kept in the format before {@link HouseholdRecord},
     * from the old states store.
     */
    private @Nullable HouseholdState stateOf(String household, @Nullable HouseholdRecord stored) {
        if (stored == null) {
            return null;
        }
        return stored.state() != null ? stored.state() : legacyStates.get(household);
    }

    /**
     * Scores the household, publishes what changed, keeps its record (portrait and state in one value; a household in
     * the old format is migrated: its old state entry deleted), and returns the assessment.
     *
     * @param stored the household's record before the event (or the tick), null for a new household
     */
    private Assessment assess(
            String household,
            Portrait portrait,
            @Nullable HouseholdRecord stored,
            ScoringModel model,
            Instant now,
            @Nullable String triggeringEventId,
            WarningClearReason clearReason) {
        Assessment assessment;
        try {
            assessment = model.assess(portrait, now);
        } catch (RuntimeException modelFailed) {
            throw new ProcessingFailure(
                    ProcessingFailure.Reason.MODEL,
                    "model " + model.version() + " failed on household " + household,
                    modelFailed);
        }
        HouseholdState before = stateOf(household, stored);
        String community = portrait.communityCode();
        if (before == null
                || before.total() != assessment.total()
                || !before.dimensions().equals(assessment.dimensions())
                || !before.modelVersion().equals(assessment.modelVersion())) {
            forward(
                    household,
                    HouseholdScoreChanged.newBuilder()
                            .setHousehold(new HouseholdNumber(household))
                            .setCommunityCode(community)
                            .setScores(scores(assessment.dimensions()))
                            .setTotal(assessment.total())
                            .setPreviousTotal(before == null ? null : before.total())
                            .setModelVersion(assessment.modelVersion())
                            .setComputedAt(now)
                            .setTriggeringEventId(triggeringEventId)
                            .build());
        }
        // a re-scoring pass after a switch (or at start-up) clears for the model only if the version changed
        WarningClearReason cause = clearReason == WarningClearReason.MODEL_CHANGED
                        && before != null
                        && before.modelVersion().equals(assessment.modelVersion())
                ? WarningClearReason.SCORE_BELOW_LINE
                : clearReason;
        // the warning decider, once: raised, escalated or cleared are published; de-escalated changes the state only
        WarningDecider.Outcome warning = warnings.apply(
                before == null ? WarningState.NOT_WARNED : before.warning(),
                new Assessed(
                        household,
                        assessment.modelVersion(),
                        assessment.total(),
                        assessment.category(),
                        assessment.level(),
                        assessment.threshold(),
                        model.thresholds(),
                        cause,
                        now));
        warning.decision()
                .accept(new WarningEvents(household, community, now, assessment, triggeringEventId))
                .ifPresent(event -> forward(household, event));
        Instant next = nextDue(assessment, portrait, model, now);
        String dueKey = next == null ? null : dueKey(next, household);
        // an event that leaves the household's due time as it was leaves its entry alone (two store writes saved)
        String dueBefore = before == null ? null : before.dueKey();
        if (!Objects.equals(dueBefore, dueKey)) {
            if (dueBefore != null) {
                due.delete(dueBefore);
            }
            if (dueKey != null) {
                due.put(dueKey, household);
            }
        }
        records.put(
                household,
                new HouseholdRecord(
                        portrait,
                        new HouseholdState(
                                assessment.modelVersion(),
                                assessment.dimensions(),
                                assessment.total(),
                                warning.after(),
                                community,
                                now,
                                dueKey)));
        if (stored != null && stored.state() == null) {
            legacyStates.delete(household);
        }
        return assessment;
    }

    /** The earliest of: a fact leaving its window, and the quarterly re-screening of households on the edge. */
    private static @Nullable Instant nextDue(
            Assessment assessment, Portrait portrait, ScoringModel model, Instant now) {
        Instant next = assessment.nextChangeAt();
        if (Portraits.needsRescreening(portrait)) {
            Instant rescreen = now.plus(model.rescreenInterval());
            next = next == null || rescreen.isBefore(next) ? rescreen : next;
        }
        return next;
    }

    /** Stores what the shadow model says beside {@code active}, the active model's assessment of the same portrait. */
    private void shadow(
            String household, Portrait portrait, ModelSelection.Selected selected, Instant now, Assessment active) {
        ScoringModel candidate = Objects.requireNonNull(selected.shadow());
        Assessment other = candidate.assess(portrait, now);
        shadow.put(
                household,
                new ShadowEntry(
                        household,
                        portrait.communityCode(),
                        active.modelVersion(),
                        active.total(),
                        active.category(),
                        active.level(),
                        other.modelVersion(),
                        other.total(),
                        other.category(),
                        other.level()));
    }

    private void clearShadow() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, ShadowEntry> all = shadow.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        keys.forEach(shadow::delete);
    }

    private ModelSelection.Selected select() {
        return models.select(published, now());
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }

    /**
     * Forwards a result with the {@code traceparent} of the event that caused it (none for a tick's): a new record
     * has no headers, and the event's others (its CloudEvents attributes) are not the result's.
     */
    private void forward(String household, SpecificRecord value) {
        Header trace = cause;
        Headers headers = trace == null ? new RecordHeaders() : new RecordHeaders(new Header[] {trace});
        context.forward(new Record<>(household, value, context.currentSystemTimeMs(), headers));
    }

    private static DimensionScores scores(Map<Dimension, Integer> dimensions) {
        return DimensionScores.newBuilder()
                .setAgeStructure(dimensions.getOrDefault(Dimension.AGE_STRUCTURE, 0))
                .setEconomicSituation(dimensions.getOrDefault(Dimension.ECONOMIC_SITUATION, 0))
                .setHealth(dimensions.getOrDefault(Dimension.HEALTH, 0))
                .setDisabilityAndCare(dimensions.getOrDefault(Dimension.DISABILITY_AND_CARE, 0))
                .setEmployment(dimensions.getOrDefault(Dimension.EMPLOYMENT, 0))
                .setLivingConditions(dimensions.getOrDefault(Dimension.LIVING_CONDITIONS, 0))
                .build();
    }

    /**
     * The due store's key: the instant's epoch milliseconds, zero-padded to 13 digits so that keys sort by time, then
     * the household ({@code %013d|%s}, written without a {@link java.util.Formatter}: this runs on every event).
     */
    static String dueKey(Instant at, String household) {
        long millis = at.toEpochMilli();
        if (millis < 0) {
            return String.format("%013d|%s", millis, household);
        }
        String digits = Long.toString(millis);
        StringBuilder key = new StringBuilder(14 + household.length());
        for (int i = digits.length(); i < 13; i++) {
            key.append('0');
        }
        return key.append(digits).append('|').append(household).toString();
    }
}
