package org.zhengce.scoring.streams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scoring's settings ({@code scoring.*}).
 *
 * @param tick how often, on wall-clock time, households due for re-scoring are re-scored and a model switch is
 *     looked for
 * @param rescoreSlice households re-scored per tick after a model switch (keeps each transaction short)
 * @param warnings the warning lifecycle's settings ({@code scoring.warnings.*})
 * @param streams how the topology runs on each instance ({@code scoring.streams.*})
 */
@ConfigurationProperties("scoring")
record ScoringSettings(
        @DefaultValue("1s") Duration tick,
        @DefaultValue("20000") int rescoreSlice,
        @DefaultValue Warnings warnings,
        @DefaultValue Streams streams) {

    ScoringSettings {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("scoring.tick must be positive, is " + tick);
        }
        if (rescoreSlice < 1) {
            throw new IllegalArgumentException("scoring.rescore-slice must be at least 1, is " + rescoreSlice);
        }
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
