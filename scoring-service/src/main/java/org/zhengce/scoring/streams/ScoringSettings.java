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
 */
@ConfigurationProperties("scoring")
record ScoringSettings(
        @DefaultValue("1s") Duration tick,
        @DefaultValue("20000") int rescoreSlice) {

    ScoringSettings {
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("scoring.tick must be positive, is " + tick);
        }
        if (rescoreSlice < 1) {
            throw new IllegalArgumentException("scoring.rescore-slice must be at least 1, is " + rescoreSlice);
        }
    }
}
