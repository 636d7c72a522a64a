package org.zhengce.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
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
}
