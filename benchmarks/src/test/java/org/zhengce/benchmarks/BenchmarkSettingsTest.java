package org.zhengce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BenchmarkSettingsTest {

    @Test
    void missingOrBlankPropertiesMeanTheDefaults() {
        BenchmarkSettings settings = BenchmarkSettings.from(Map.of("bench.rounds", "")::get);

        assertThat(settings)
                .isEqualTo(new BenchmarkSettings(
                        BenchmarkSettings.DEFAULT_RECORDS,
                        BenchmarkSettings.DEFAULT_ROUNDS,
                        BenchmarkSettings.DEFAULT_WARMUPS,
                        BenchmarkSettings.DEFAULT_PARTITIONS,
                        BenchmarkSettings.DEFAULT_SEED));
    }

    @Test
    void sizesAreReadFromTheirProperties() {
        BenchmarkSettings settings =
                BenchmarkSettings.from(Map.of("bench.records", "50_000", "bench.rounds", "3")::get);

        assertThat(settings.records()).isEqualTo(50_000);
        assertThat(settings.rounds()).isEqualTo(3);
    }

    @Test
    void wrongValueFailsNamingTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchmarkSettings.from(Map.of("bench.records", "lots")::get))
                .withMessageContaining("bench.records");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchmarkSettings.from(Map.of("bench.rounds", "0")::get))
                .withMessageContaining("bench.rounds must be at least 1");
    }

    @Test
    void quickRunTakesTheQuickSizesForWhatIsLeftUnsetAndKeepsWhatIsGiven() {
        BenchmarkSettings settings =
                BenchmarkSettings.from(Map.of("bench.quick", "true", "bench.rounds", "5", "bench.warmups", "")::get);

        assertThat(settings.quick()).isTrue();
        assertThat(settings.records()).isEqualTo(50_000);
        assertThat(settings.rounds()).isEqualTo(5);
        assertThat(settings.warmups()).isEqualTo(1);
        assertThat(settings.partitions()).isEqualTo(BenchmarkSettings.DEFAULT_PARTITIONS);
    }

    @Test
    void withoutTheSwitchTheFullRunsDefaultsStay() {
        assertThat(BenchmarkSettings.from(Map.of("bench.quick", "")::get))
                .isEqualTo(BenchmarkSettings.from(Map.<String, String>of()::get))
                .extracting(BenchmarkSettings::quick, BenchmarkSettings::records)
                .containsExactly(false, BenchmarkSettings.DEFAULT_RECORDS);
    }

    @Test
    void quickDefaultsFillOnlyTheSystemPropertiesLeftBlank() {
        Properties properties = new Properties();
        properties.setProperty("bench.intake.warmup", "");
        properties.setProperty("bench.backfill.records", "1000000");

        BenchmarkSettings.applyQuickDefaults(properties);

        assertThat(properties.getProperty("bench.intake.warmup")).isEqualTo("30");
        assertThat(properties.getProperty("bench.backfill.records")).isEqualTo("1000000");
        assertThat(properties.getProperty("bench.notification.seconds")).isEqualTo("20");
    }

    @Test
    void quickSwitchOtherThanTrueOrFalseFailsNamingTheProperty() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchmarkSettings.from(Map.of("bench.quick", "yes")::get))
                .withMessageContaining("bench.quick must be true or false");
    }
}
