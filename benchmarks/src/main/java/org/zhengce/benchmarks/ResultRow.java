package org.zhengce.benchmarks;

import java.util.Locale;

/**
 * One row of the report, already formatted: what was measured, raw kafka-clients' figure, ours, the
 * ratio ours/raw, the goal and whether the goal was met.
 */
public record ResultRow(String name, String raw, String ours, String ratio, String goal, boolean met) {

    /** A throughput row: records/s on both sides and the ratio, met when the median ratio reaches the goal. */
    public static ResultRow throughput(String name, Comparison comparison, double goalRatio) {
        return new ResultRow(
                name,
                recordsPerSecond(comparison.raw()),
                recordsPerSecond(comparison.ours()),
                String.format(
                        Locale.ROOT,
                        "%.2f (%.2f–%.2f)",
                        comparison.ratio().median(),
                        comparison.ratio().min(),
                        comparison.ratio().max()),
                String.format(Locale.ROOT, "≥ %.2f", goalRatio),
                comparison.ratio().median() >= goalRatio);
    }

    private static String recordsPerSecond(Spread spread) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", spread.median(), spread.min(), spread.max());
    }
}
