package io.aviary.query.analytics;

import org.bson.Document;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Durations merged from the fixed-bucket histograms of {@code analytics_fleet} ({@code {count, sumMs, maxMs,
 * buckets: [{le, n}]}}, {@code le} = inclusive upper bound in ms, {@code null} = unbounded). Percentiles are read
 * from the merged buckets: the bound of the bucket holding the rank, but never more than the largest value seen, so
 * they are exact to one bucket (a 1-2-5 series: e.g. "p95 <= 5 s").
 */
final class Histogram {

    /** Count per upper bound; {@link Long#MAX_VALUE} stands for the unbounded bucket. */
    private final TreeMap<Long, Long> buckets = new TreeMap<>();
    private long count;
    private long sumMs;
    private long maxMs;

    void add(Document histogram) {
        if (histogram == null) {
            return;
        }
        count += number(histogram, "count");
        sumMs += number(histogram, "sumMs");
        maxMs = Math.max(maxMs, number(histogram, "maxMs"));
        for (Document bucket : histogram.getList("buckets", Document.class, List.of())) {
            Object le = bucket.get("le");
            buckets.merge(le instanceof Number bound ? bound.longValue() : Long.MAX_VALUE, number(bucket, "n"),
                    Long::sum);
        }
    }

    /** The {@code p}-th percentile (0 < p <= 1) in ms, or {@code null} without any value. */
    Long percentile(double p) {
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * count));
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return Math.min(bucket.getKey(), maxMs);
            }
        }
        return maxMs;
    }

    Durations durations() {
        return new Durations(count, percentile(0.50), percentile(0.95), percentile(0.99),
                count == 0 ? null : maxMs, count == 0 ? null : sumMs / count);
    }

    private static long number(Document doc, String field) {
        Object value = doc.get(field);
        return value instanceof Number number ? number.longValue() : 0;
    }

    /**
     * A latency distribution as the API shows it (ms).
     *
     * @param count how many values
     * @param p50   median, exact to one bucket
     * @param p95   95th percentile, exact to one bucket
     * @param p99   99th percentile, exact to one bucket
     * @param max   largest value
     * @param mean  arithmetic mean
     */
    record Durations(long count, Long p50, Long p95, Long p99, Long max, Long mean) {
    }
}
