package org.zhengce.scoring.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.zhengce.scoring.portrait.Retention;

/**
 * Scoring's settings ({@code scoring.*}).
 *
 * @param tick how often, on wall-clock time, households due for re-scoring are re-scored and a model switch is
 *     looked for
 * @param rescoreSlice households re-scored per tick after a model switch (keeps each transaction short)
 * @param warnings the warning lifecycle's settings ({@code scoring.warnings.*})
 * @param streams how the topology runs on each instance ({@code scoring.streams.*})
 * @param retention what a household's portrait keeps, by kind of fact: {@code scoring.retention.<kind>.max-count}
 *     and/or {@code .max-age} (kind: the event type, {@code MedicalExpenseSettled} or {@code medical-expense-settled});
 *     {@code scoring.retention.default.*} for every kind not named; {@code scoring.retention.applied-events.max-count}
 *     for the applied event ids kept. Unset: {@link Retention#DEFAULT}
 */
@ConfigurationProperties("scoring")
record ScoringSettings(
        @DefaultValue("1s") Duration tick,
        @DefaultValue("20000") int rescoreSlice,
        @DefaultValue Warnings warnings,
        @DefaultValue Streams streams,
        @Nullable Map<String, Kept> retention) {

    /** The pseudo-kind naming the rule of every kind not named. */
    static final String DEFAULT_KIND = "default";

    /** The pseudo-kind whose max count is how many applied event ids a portrait keeps. */
    static final String APPLIED_EVENTS = "applied-events";

    /** One kind's retention; what it leaves unset is the default rule's. */
    record Kept(@Nullable Integer maxCount, @Nullable Duration maxAge) {

        Retention.Rule over(Retention.Rule base) {
            return new Retention.Rule(
                    maxCount == null ? base.maxCount() : maxCount, maxAge == null ? base.maxAge() : maxAge);
        }
    }

    /** The retention these settings say, over {@link Retention#DEFAULT}. */
    Retention keeping() {
        return keeping(retention);
    }

    private static Retention keeping(@Nullable Map<String, Kept> retention) {
        Map<String, Kept> kinds = retention == null ? Map.of() : retention;
        Retention.Rule otherwise = kinds.containsKey(DEFAULT_KIND)
                ? kinds.get(DEFAULT_KIND).over(Retention.DEFAULT_RULE)
                : Retention.DEFAULT_RULE;
        Map<String, Retention.Rule> rules = new HashMap<>();
        kinds.forEach((kind, kept) -> {
            if (!kind.equals(DEFAULT_KIND) && !kind.equals(APPLIED_EVENTS)) {
                rules.put(kind, kept.over(otherwise));
            }
        });
        Kept applied = kinds.get(APPLIED_EVENTS);
        int appliedEvents = applied == null || applied.maxCount() == null
                ? Retention.DEFAULT.appliedEventsKept()
                : applied.maxCount();
        return new Retention(rules, otherwise, appliedEvents);
    }

    ScoringSettings {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("scoring.tick must be positive, is " + tick);
        }
        if (rescoreSlice < 1) {
            throw new IllegalArgumentException("scoring.rescore-slice must be at least 1, is " + rescoreSlice);
        }
        // refuses an unknown kind or an impossible rule at start-up (the components are not assigned yet: the
        // parameter)
        keeping(retention);
    }

    /**
     * The warning lifecycle's settings.
     *
     * @param hysteresisPoints the band, in points, below each warning line: an open warning is de-escalated or cleared
     *     only when the total falls past it (on a falling score, not on a granted assistance or a new model)
     */
    record Warnings(@DefaultValue(DEFAULT_HYSTERESIS_POINTS) int hysteresisPoints) {

        /** The band when none is set. */
        static final String DEFAULT_HYSTERESIS_POINTS = "5";

        Warnings {
            if (hysteresisPoints < 0) {
                throw new IllegalArgumentException(
                        "scoring.warnings.hysteresis-points must be at least 0, is " + hysteresisPoints);
            }
        }
    }

    /**
     * How the topology runs on each instance ({@code num.stream.threads} and {@code num.standby.replicas} of the
     * streams the binder runs). One thread and no standby locally; in production a thread per core the instance has
     * (at most the 12 partitions over the instances) and one standby replica, so that a household's state is warm on
     * another instance when its instance goes.
     *
     * @param threads stream threads on this instance (each runs some of the tasks)
     * @param standbyReplicas standby copies of each task's stores kept on other instances
     */
    record Streams(
            @DefaultValue("1") int threads,
            @DefaultValue("0") int standbyReplicas) {

        Streams {
            if (threads < 1) {
                throw new IllegalArgumentException("scoring.streams.threads must be at least 1, is " + threads);
            }
            if (standbyReplicas < 0) {
                throw new IllegalArgumentException(
                        "scoring.streams.standby-replicas must be at least 0, is " + standbyReplicas);
            }
        }
    }
}
