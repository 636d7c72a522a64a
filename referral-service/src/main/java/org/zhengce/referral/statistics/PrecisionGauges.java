package org.zhengce.referral.statistics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The precision of warnings as gauges for the scoring model's owners, city-wide over the cases opened in the
 * trailing {@code referral.statistics.gauge-window}, recomputed every {@code gauge-refresh}:
 *
 * <ul>
 *   <li>{@code referral.warnings.verdicts} (cases), tags {@code model_version}, {@code category} and
 *       {@code verdict} ({@code verified}, {@code false_alarm}, {@code excluded}, {@code without_verdict});
 *   <li>{@code referral.warnings.precision}, verified / (verified + false alarms), tags {@code model_version} and
 *       {@code category}; absent while a group has no verdict.
 * </ul>
 *
 * {@code category} {@code ALL} sums a model version's categories; {@code model_version} {@code none} holds the
 * cases that did not record one.
 */
@Component
class PrecisionGauges {

    private static final Logger log = LoggerFactory.getLogger(PrecisionGauges.class);

    static final String VERDICTS = "referral.warnings.verdicts";
    static final String PRECISION = "referral.warnings.precision";

    private final WarningPrecision precision;
    private final StatisticsSettings settings;
    private final Clock clock;
    private final MultiGauge verdicts;
    private final MultiGauge ratios;

    PrecisionGauges(MeterRegistry registry, WarningPrecision precision, StatisticsSettings settings, Clock clock) {
        this.precision = precision;
        this.settings = settings;
        this.clock = clock;
        this.verdicts = MultiGauge.builder(VERDICTS)
                .description("Cases from warnings opened in the gauge window, by verdict of their verification")
                .baseUnit("cases")
                .register(registry);
        this.ratios = MultiGauge.builder(PRECISION)
                .description("Verified / (verified + false alarms) of the warnings opened in the gauge window")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${referral.statistics.gauge-refresh}")
    void scheduled() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("warning precision gauges not refreshed, will retry: {}", e.toString());
        }
    }

    /** Recomputes the gauges now. */
    void refresh() {
        Instant now = clock.instant();
        List<WarningPrecision.ModelVerdicts> groups = precision
                .byModelAndCategory(now.minus(settings.gaugeWindow()), now)
                .collectList()
                .block(Duration.ofSeconds(60));
        List<MultiGauge.Row<?>> verdictRows = new ArrayList<>();
        List<MultiGauge.Row<?>> precisionRows = new ArrayList<>();
        for (WarningPrecision.ModelVerdicts group :
                groups == null ? List.<WarningPrecision.ModelVerdicts>of() : groups) {
            Tags tags = Tags.of(
                    "model_version", tag(group.modelVersion(), "none"), "category", tag(group.category(), "ALL"));
            Verdicts counts = group.verdicts();
            verdictRows.add(MultiGauge.Row.of(tags.and("verdict", "verified"), counts.verified()));
            verdictRows.add(MultiGauge.Row.of(tags.and("verdict", "false_alarm"), counts.falseAlarms()));
            verdictRows.add(MultiGauge.Row.of(tags.and("verdict", "excluded"), counts.excluded()));
            verdictRows.add(MultiGauge.Row.of(tags.and("verdict", "without_verdict"), counts.withoutVerdict()));
            if (counts.precision() != null) {
                precisionRows.add(MultiGauge.Row.of(tags, counts.precision()));
            }
        }
        verdicts.register(verdictRows, true);
        ratios.register(precisionRows, true);
    }

    private static String tag(@Nullable String value, String absent) {
        return value == null || value.isBlank() ? absent : value;
    }
}
