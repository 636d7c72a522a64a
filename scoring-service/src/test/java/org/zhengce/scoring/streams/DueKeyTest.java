package org.zhengce.scoring.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The due store's keys are what they always were ({@code %013d|%s}), written without a formatter. */
class DueKeyTest {

    @Test
    void dueKeysAreTheFormattedOnesTheStoreAlreadyHolds() {
        for (long millis :
                new long[] {0, 7, 999_999_999_999L, 1_796_679_718_123L, 9_999_999_999_999L, 12_345_678_901_234L}) {
            assertThat(HouseholdScorer.dueKey(Instant.ofEpochMilli(millis), "420106001001-0042"))
                    .isEqualTo(String.format("%013d|%s", millis, "420106001001-0042"));
        }
        assertThat(HouseholdScorer.dueKey(Instant.ofEpochMilli(-5), "h"))
                .isEqualTo(String.format("%013d|%s", -5L, "h"));
    }

    @Test
    void dueKeysSortByTime() {
        assertThat(HouseholdScorer.dueKey(Instant.ofEpochMilli(99_999), "b"))
                .isLessThan(HouseholdScorer.dueKey(Instant.ofEpochMilli(100_000), "a"));
    }
}
