package io.aviary.projections.analytics;

import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

import static io.aviary.projections.mongo.Bson.longValue;

/**
 * A distribution of durations in fixed buckets (milliseconds, a 1-2-5 series from 1 ms to 1 day, then everything
 * longer). Fixed bounds make histograms of different hours and task types mergeable by adding counts, so the query
 * side computes percentiles for any range from the merged buckets (precise to one bucket).
 *
 * <p>Stored as {@code {count, sumMs, maxMs, buckets: [{le, n}]}} with only non-empty buckets; {@code le} is the
 * bucket's inclusive upper bound in ms, {@code null} for the last, unbounded one. Self-describing on purpose: a
 * reader needs no copy of the bounds.
 */
final class LatencyHistogram {

    static final long[] BOUNDS_MS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000,
            30_000, 60_000, 120_000, 300_000, 600_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000,
            28_800_000, 43_200_000, 86_400_000};

    private final long[] counts = new long[BOUNDS_MS.length + 1];
    private long count;
    private long sumMs;
    private long maxMs;

    void add(long millis) {
        long value = Math.max(0, millis);
        int bucket = 0;
        while (bucket < BOUNDS_MS.length && value > BOUNDS_MS[bucket]) {
            bucket++;
        }
        counts[bucket]++;
        count++;
        sumMs += value;
        maxMs = Math.max(maxMs, value);
    }

    Document toDocument() {
        List<Document> buckets = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                buckets.add(new Document("le", i < BOUNDS_MS.length ? BOUNDS_MS[i] : null).append("n", counts[i]));
            }
        }
        return new Document("count", count).append("sumMs", sumMs).append("maxMs", maxMs).append("buckets", buckets);
    }

    static LatencyHistogram fromDocument(Document document) {
        LatencyHistogram histogram = new LatencyHistogram();
        if (document == null) {
            return histogram;
        }
        histogram.count = longValue(document, "count", 0);
        histogram.sumMs = longValue(document, "sumMs", 0);
        histogram.maxMs = longValue(document, "maxMs", 0);
        for (Document bucket : document.getList("buckets", Document.class, List.of())) {
            Object le = bucket.get("le");
            int index = BOUNDS_MS.length;
            if (le instanceof Number bound) {
                for (int i = 0; i < BOUNDS_MS.length; i++) {
                    if (BOUNDS_MS[i] == bound.longValue()) {
                        index = i;
                    }
                }
            }
            histogram.counts[index] += longValue(bucket, "n", 0);
        }
        return histogram;
    }
}
