package org.zhengce.benchmarks;

import java.util.List;

/** The median of a few measurements and their range, which is what the report shows. */
public record Spread(double median, double min, double max) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a spread needs at least one value");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int size = sorted.size();
        double median = size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
        return new Spread(median, sorted.get(0), sorted.get(size - 1));
    }
}
