package org.zhengce.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs raw kafka-clients and ours in alternating rounds: warm-ups first (discarded), then measured
 * rounds whose order flips every round (raw, ours, ours, raw, raw, ours, ...), so that neither side
 * always runs first, on a cooler or a warmer machine.
 */
public final class AlternatingRounds {

    /** One timed pass over all records; returns the elapsed nanoseconds it measured. */
    @FunctionalInterface
    public interface Round {
        long run() throws Exception;
    }

    private static final Logger log = LoggerFactory.getLogger(AlternatingRounds.class);

    private AlternatingRounds() {}

    public static Comparison compare(String name, BenchmarkSettings settings, long records, Round raw, Round ours)
            throws Exception {
        return compare(name, settings, records, raw, records, ours);
    }

    /**
     * {@link #compare(String, BenchmarkSettings, long, Round, Round)} where a raw round and one of ours carry a
     * different number of records (raw clients are so much faster that a round of ours would be over before it
     * could be timed on the raw side): each side's rate is its own records over its own time.
     */
    public static Comparison compare(
            String name, BenchmarkSettings settings, long rawRecords, Round raw, long ourRecords, Round ours)
            throws Exception {
        List<Double> rawRates = new ArrayList<>();
        List<Double> ourRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int total = settings.warmups() + settings.rounds();
        for (int round = 0; round < total; round++) {
            boolean rawFirst = round % 2 == 0;
            Measured first = rawFirst ? measure(rawRecords, raw) : measure(ourRecords, ours);
            Measured second = rawFirst ? measure(ourRecords, ours) : measure(rawRecords, raw);
            Measured rawSide = rawFirst ? first : second;
            Measured ourSide = rawFirst ? second : first;
            double rawRate = rawSide.recordsPerSecond();
            double ourRate = ourSide.recordsPerSecond();
            boolean warmup = round < settings.warmups();
            log.info(
                    "{} {} {}: raw {}, ours {}, ratio {}",
                    name,
                    warmup ? "warm-up" : "round",
                    warmup ? round + 1 : round - settings.warmups() + 1,
                    rawSide,
                    ourSide,
                    String.format(Locale.ROOT, "%.3f", ourRate / rawRate));
            if (!warmup) {
                rawRates.add(rawRate);
                ourRates.add(ourRate);
                ratios.add(ourRate / rawRate);
            }
        }
        return new Comparison(Spread.of(rawRates), Spread.of(ourRates), Spread.of(ratios));
    }

    /**
     * Runs one round and notes the whole process's CPU time alongside (broker, registry and clients
     * together): on a machine shared with other work, CPU per record is steadier than records/s.
     */
    private static Measured measure(long records, Round round) throws Exception {
        long cpuBefore = processCpuNanos();
        long nanos = round.run();
        long cpu = processCpuNanos() - cpuBefore;
        return new Measured(records * 1e9 / nanos, cpu < 0 ? Double.NaN : cpu / 1000.0 / records);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private record Measured(double recordsPerSecond, double cpuMicrosPerRecord) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT, "%,.0f records/s (%.2f µs CPU/record)", recordsPerSecond, cpuMicrosPerRecord);
        }
    }
}
