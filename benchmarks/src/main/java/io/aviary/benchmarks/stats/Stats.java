package io.aviary.benchmarks.stats;

import java.util.Arrays;
import java.util.List;

/**
 * Median and spread of one figure over the repeated runs of a scenario: min, max and the interquartile range
 * (linear interpolation between closest ranks, as spreadsheets do).
 */
public record Stats(int runs, double median, double min, double max, double q1, double q3) {

    public static Stats of(List<Double> values) {
        double[] v = values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue).toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        Arrays.sort(v);
        return new Stats(v.length, quantile(v, 0.5), v[0], v[v.length - 1], quantile(v, 0.25), quantile(v, 0.75));
    }

    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        if (lower == upper || sorted[lower] == sorted[upper]) {
            return sorted[lower]; // also keeps an unbounded (infinite) figure from turning into NaN
        }
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }

    /** Three significant decimals at most, NaN as null: what the JSON shows. */
    public static Double round(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.abs(value) >= 100 ? 10 : 1000;
        return Math.round(value * scale) / scale;
    }
}
