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
}
