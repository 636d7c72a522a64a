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
                ratio(comparison.ratio()),
                String.format(Locale.ROOT, "≥ %.2f", goalRatio),
                comparison.ratio().median() >= goalRatio);
    }

    /** What a row shows in its goal column when it has no goal: a figure given as context for another row. */
    public static final String CONTEXT = "— (context)";

    /** A throughput row without a goal, to read another row against (e.g. scoring against a raw consumer). */
    public static ResultRow context(String name, Comparison comparison) {
        return new ResultRow(
                name,
                recordsPerSecond(comparison.raw()),
                recordsPerSecond(comparison.ours()),
                ratio(comparison.ratio()),
                CONTEXT,
                false);
    }

    /** A row of figures without a goal (a per-stage lag with no flatness to judge, a state size). */
    public static ResultRow figures(String name, String figures) {
        return new ResultRow(name, "—", figures, "—", CONTEXT, false);
    }

    /** Whether this row has no goal of its own: its Met column shows a dash. */
    public boolean contextOnly() {
        return goal.equals(CONTEXT);
    }

    /**
     * Two decimals, as {@code 0.72 (0.60–0.82)}; a median below 0.1 gets as many as show two significant digits
     * ({@code 0.0094 (0.0071–0.012)} rather than {@code 0.01 (0.01–0.01)}).
     */
    static String ratio(Spread ratio) {
        int decimals = 2;
        if (ratio.median() > 0 && ratio.median() < 0.1) {
            decimals = Math.min(6, 1 - (int) Math.floor(Math.log10(ratio.median())));
        }
        String format = "%." + decimals + "f";
        return String.format(
                Locale.ROOT, format + " (" + format + "–" + format + ")", ratio.median(), ratio.min(), ratio.max());
    }

    private static String recordsPerSecond(Spread spread) {
        return String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", spread.median(), spread.min(), spread.max());
    }
}
