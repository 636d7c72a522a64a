package org.zhengce.benchmarks.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.zhengce.benchmarks.ResultRow;

class ChangelogSizesTest {

    @Test
    void percentilesAreTheNearestRankOfTheValuesWritten() {
        int[] sizes = IntStream.rangeClosed(1, 1_000).toArray();
        ChangelogSizes store = new ChangelogSizes("household-state", sizes, 10, 10_000, 2_000);

        assertThat(store.percentile(0.50)).isEqualTo(500);
        assertThat(store.percentile(0.90)).isEqualTo(900);
        assertThat(store.percentile(0.99)).isEqualTo(990);
        assertThat(store.percentile(1.0)).isEqualTo(1_000);
    }

    @Test
    void theRowGivesTheSizesWrittenAndHeldPerKeyAfterTheEventsPerKey() {
        ChangelogSizes store = new ChangelogSizes("household-state", new int[] {100, 200, 300, 400}, 2, 900, 500);

        ResultRow row = store.row("Scoring", 16);

        assertThat(row.name()).isEqualTo("Scoring: state written per event and held per key, store 'household-state'");
        assertThat(row.ours())
                .isEqualTo("4 writes: p50 200 B, p90 400 B, p99 400 B, max 400 B; held after 8.0 events per key on"
                        + " average (2 keys): mean 450 B, max 500 B");
        assertThat(row.contextOnly()).isTrue();
    }

    @Test
    void aStoreWithNothingWrittenGivesZeros() {
        ChangelogSizes store = new ChangelogSizes("empty", new int[0], 0, 0, 0);

        assertThat(store.percentile(0.99)).isZero();
        assertThat(store.row("Scoring", 10).ours())
                .isEqualTo("0 writes: p50 0 B, p90 0 B, p99 0 B, max 0 B; nothing held at the end (every key deleted)");
    }
}
