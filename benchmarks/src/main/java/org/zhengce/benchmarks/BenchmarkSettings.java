package org.zhengce.benchmarks;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The sizes of one run, read from system properties ({@code -Dbench.records=...}).
 *
 * @param records distinct events generated; a case may send them several times over per round
 * @param rounds measured rounds per side (raw and ours each run this many)
 * @param warmups discarded rounds per side before the measured ones
 * @param partitions partitions of every benchmark topic
 * @param seed seed of the generated city feed
 */
public record BenchmarkSettings(int records, int rounds, int warmups, int partitions, long seed) {

    public static final int DEFAULT_RECORDS = 200_000;
    public static final int DEFAULT_ROUNDS = 9;
    public static final int DEFAULT_WARMUPS = 2;
    public static final int DEFAULT_PARTITIONS = 6;
    public static final long DEFAULT_SEED = 20_261_123L;

    public BenchmarkSettings {
        require(records >= 1_000, "bench.records", "at least 1000", records);
        require(rounds >= 1, "bench.rounds", "at least 1", rounds);
        require(warmups >= 0, "bench.warmups", "0 or more", warmups);
        require(partitions >= 1, "bench.partitions", "at least 1", partitions);
    }

    /** Reads {@code bench.records}, {@code bench.rounds}, {@code bench.warmups}, {@code bench.partitions}, {@code bench.seed}. */
    public static BenchmarkSettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /** Reads the same names from {@code properties}; a missing or blank value means the default. */
    public static BenchmarkSettings from(Function<String, @Nullable String> properties) {
        return new BenchmarkSettings(
                property(properties, "bench.records", DEFAULT_RECORDS, Integer::parseInt),
                property(properties, "bench.rounds", DEFAULT_ROUNDS, Integer::parseInt),
                property(properties, "bench.warmups", DEFAULT_WARMUPS, Integer::parseInt),
                property(properties, "bench.partitions", DEFAULT_PARTITIONS, Integer::parseInt),
                property(properties, "bench.seed", DEFAULT_SEED, Long::parseLong));
    }

    private static <T> T property(
            Function<String, @Nullable String> properties, String name, T defaultValue, Function<String, T> parser) {
        String value = properties.apply(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return parser.apply(value.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static void require(boolean valid, String name, String expected, long actual) {
        if (!valid) {
            throw new IllegalArgumentException(name + " must be " + expected + ", was " + actual);
        }
    }
}
