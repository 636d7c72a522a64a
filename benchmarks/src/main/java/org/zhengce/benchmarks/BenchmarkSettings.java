package org.zhengce.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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
 * @param quick whether {@code -Dbench.quick=true} chose {@link #QUICK_DEFAULTS} for the sizes left unset
 */
public record BenchmarkSettings(int records, int rounds, int warmups, int partitions, long seed, boolean quick) {

    public static final int DEFAULT_RECORDS = 200_000;
    public static final int DEFAULT_ROUNDS = 9;
    public static final int DEFAULT_WARMUPS = 2;
    public static final int DEFAULT_PARTITIONS = 6;
    public static final long DEFAULT_SEED = 20_261_123L;

    /** The switch of a quick run: {@code -Dbench.quick=true}. */
    public static final String QUICK = "bench.quick";

    /**
     * What a quick run uses for every size the command line leaves unset: a few minutes in all on two cores instead
     * of the full run's defaults (which each case states where it reads its property). A value given on the command
     * line always wins.
     */
    public static final Map<String, String> QUICK_DEFAULTS = quickDefaults();

    private static Map<String, String> quickDefaults() {
        Map<String, String> quick = new LinkedHashMap<>();
        quick.put("bench.records", "50000");
        quick.put("bench.rounds", "3");
        quick.put("bench.warmups", "1");
        quick.put("bench.intake.warmup", "30");
        quick.put("bench.scoring.rounds", "1");
        quick.put("bench.scoring.warmups", "0");
        quick.put("bench.scoring.switches", "1");
        quick.put("bench.notification.seconds", "20");
        quick.put("bench.notification.warmup", "5");
        quick.put("bench.backfill.records", "300000");
        quick.put("bench.alert.seconds", "20");
        quick.put("bench.alert.warmup", "10");
        return java.util.Collections.unmodifiableMap(quick);
    }

    public BenchmarkSettings {
        require(records >= 1_000, "bench.records", "at least 1000", records);
        require(rounds >= 1, "bench.rounds", "at least 1", rounds);
        require(warmups >= 0, "bench.warmups", "0 or more", warmups);
        require(partitions >= 1, "bench.partitions", "at least 1", partitions);
    }

    /** The sizes of a full run (not quick). */
    public BenchmarkSettings(int records, int rounds, int warmups, int partitions, long seed) {
        this(records, rounds, warmups, partitions, seed, false);
    }

    /**
     * Reads {@code bench.records}, {@code bench.rounds}, {@code bench.warmups}, {@code bench.partitions},
     * {@code bench.seed} and {@code bench.quick}.
     */
    public static BenchmarkSettings fromSystemProperties() {
        return from(System::getProperty);
    }

    /**
     * Reads the same names from {@code properties}; a missing or blank value means the default, the full run's or,
     * with {@code bench.quick=true}, the quick one's.
     */
    public static BenchmarkSettings from(Function<String, @Nullable String> given) {
        boolean quick = isQuick(given);
        Function<String, @Nullable String> properties = quick ? withQuickDefaults(given) : given;
        return new BenchmarkSettings(
                property(properties, "bench.records", DEFAULT_RECORDS, Integer::parseInt),
                property(properties, "bench.rounds", DEFAULT_ROUNDS, Integer::parseInt),
                property(properties, "bench.warmups", DEFAULT_WARMUPS, Integer::parseInt),
                property(properties, "bench.partitions", DEFAULT_PARTITIONS, Integer::parseInt),
                property(properties, "bench.seed", DEFAULT_SEED, Long::parseLong),
                quick);
    }

    /** Whether {@code bench.quick} is {@code true}; blank or missing is {@code false}, anything else fails. */
    public static boolean isQuick(Function<String, @Nullable String> properties) {
        String value = properties.apply(QUICK);
        if (value == null || value.isBlank()) {
            return false;
        }
        String normalised = value.strip().toLowerCase(Locale.ROOT);
        if (!normalised.equals("true") && !normalised.equals("false")) {
            throw new IllegalArgumentException(QUICK + " must be true or false, was '" + value + "'");
        }
        return normalised.equals("true");
    }

    /** {@code given}, with {@link #QUICK_DEFAULTS} for the names it leaves missing or blank. */
    public static Function<String, @Nullable String> withQuickDefaults(Function<String, @Nullable String> given) {
        return name -> {
            String value = given.apply(name);
            return value == null || value.isBlank() ? QUICK_DEFAULTS.get(name) : value;
        };
    }

    /**
     * Sets each of {@link #QUICK_DEFAULTS} in {@code properties} (the system properties) where it is missing or
     * blank, for the cases that read their own {@code bench.*} property; called once, before any case is built.
     */
    public static void applyQuickDefaults(Properties properties) {
        QUICK_DEFAULTS.forEach((name, value) -> {
            String given = properties.getProperty(name);
            if (given == null || given.isBlank()) {
                properties.setProperty(name, value);
            }
        });
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
