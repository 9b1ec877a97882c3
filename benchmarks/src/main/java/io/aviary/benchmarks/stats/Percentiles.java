package io.aviary.benchmarks.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency percentiles of one run, nearest-rank on the sorted samples (no interpolation, no histogram buckets: the
 * runs are small enough to keep every sample).
 *
 * @param count samples
 * @param p50   median, ms
 * @param p95   ms
 * @param p99   ms
 * @param max   ms
 */
public record Percentiles(int count, double p50, double p95, double p99, double max) {

    public static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Percentiles of(double[] samplesMs) {
        if (samplesMs.length == 0) {
            return NONE;
        }
        double[] sorted = samplesMs.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted[sorted.length - 1]);
    }

    /** Nearest rank: the smallest sample with at least {@code q} of the samples at or below it. */
    public static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("count", count);
        d.put("p50", Stats.round(p50));
        d.put("p95", Stats.round(p95));
        d.put("p99", Stats.round(p99));
        d.put("max", Stats.round(max));
        return d;
    }
}
