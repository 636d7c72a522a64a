package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Scoring's settings as Spring binds them (no context): defaults, and a wrong value failing with its name. */
class ScoringSettingsTest {

    private static ScoringSettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("scoring", ScoringSettings.class);
    }

    @Test
    void withNothingSetTheWarningsHaveTheDefaultHysteresisBand() {
        ScoringSettings settings = bind(Map.of("scoring.tick", "2s"));

        assertThat(settings.warnings().hysteresisPoints())
                .isEqualTo(Integer.parseInt(ScoringSettings.Warnings.DEFAULT_HYSTERESIS_POINTS))
                .isEqualTo(5);
        assertThat(bind(Map.of()).warnings().hysteresisPoints()).isEqualTo(5);
    }

    @Test
    void theHysteresisBandIsASetting() {
        assertThat(bind(Map.of("scoring.warnings.hysteresis-points", "0"))
                        .warnings()
                        .hysteresisPoints())
                .isZero();
        assertThat(bind(Map.of("scoring.warnings.hysteresis-points", "8"))
                        .warnings()
                        .hysteresisPoints())
                .isEqualTo(8);
    }

    @Test
    void aNegativeHysteresisBandFailsWithTheSettingsName() {
        assertThatThrownBy(() -> bind(Map.of("scoring.warnings.hysteresis-points", "-1")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("scoring.warnings.hysteresis-points must be at least 0, is -1");
    }

    @Test
    void oneStreamThreadAndNoStandbyUnlessSet() {
        ScoringSettings.Streams streams = bind(Map.of()).streams();

        assertThat(streams.threads()).isEqualTo(1);
        assertThat(streams.standbyReplicas()).isZero();
        assertThat(bind(Map.of("scoring.streams.threads", "4", "scoring.streams.standby-replicas", "1"))
                        .streams())
                .isEqualTo(new ScoringSettings.Streams(4, 1));
    }

    @Test
    void noStreamThreadOrANegativeStandbyCountFailsWithTheSettingsName() {
        assertThatThrownBy(() -> bind(Map.of("scoring.streams.threads", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("scoring.streams.threads must be at least 1, is 0");
        assertThatThrownBy(() -> bind(Map.of("scoring.streams.standby-replicas", "-1")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessage("scoring.streams.standby-replicas must be at least 0, is -1");
    }

    @Test
    void withNothingSetPortraitsAreKeptAsByDefault() {
        assertThat(bind(Map.of()).keeping()).isEqualTo(org.zhengce.scoring.portrait.Retention.DEFAULT);
    }

    @Test
    void retentionIsSetPerKindOfFactOverTheDefaultRule() {
        org.zhengce.scoring.portrait.Retention retention = bind(Map.of(
                        "scoring.retention.medical-expense-settled.max-count", "10",
                        "scoring.retention.VisitRecorded.max-age", "P30D",
                        "scoring.retention.default.max-count", "40",
                        "scoring.retention.applied-events.max-count", "100"))
                .keeping();

        assertThat(retention.of("MedicalExpenseSettled").maxCount()).isEqualTo(10);
        assertThat(retention.of("MedicalExpenseSettled").maxAge())
                .isEqualTo(org.zhengce.scoring.portrait.Portraits.RETENTION);
        assertThat(retention.of("VisitRecorded").maxAge()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(retention.of("VisitRecorded").maxCount()).isEqualTo(40);
        assertThat(retention.of("HospitalAdmitted").maxCount()).isEqualTo(40);
        assertThat(retention.appliedEventsKept()).isEqualTo(100);
    }

    @Test
    void anUnknownKindOfFactFailsNamingIt() {
        assertThatThrownBy(() -> bind(Map.of("scoring.retention.hospital-visits.max-count", "3")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("scoring.retention.hospital-visits names no kind of fact");
    }
}
