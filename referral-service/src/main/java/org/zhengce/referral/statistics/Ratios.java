package org.zhengce.referral.statistics;

import org.jspecify.annotations.Nullable;

/** Ratios and hours as published: rounded half up, null when there is nothing to divide by. */
final class Ratios {

    private Ratios() {}

    /** {@code part / whole} to 4 decimals; null when {@code whole} is 0. */
    static @Nullable Double of(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    /** The mean {@code sum / count} to 2 decimals; null when {@code count} is 0. */
    static @Nullable Double mean(long sum, long count) {
        return count == 0 ? null : Math.round(sum * 100.0 / count) / 100.0;
    }

    /** Hours to 1 decimal. */
    static @Nullable Double hours(@Nullable Double hours) {
        return hours == null ? null : Math.round(hours * 10.0) / 10.0;
    }
}
