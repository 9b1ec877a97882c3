package io.aviary.projections.apply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Ways Kafka may deliver a history: interleaved across aggregates (partitions), cut into batches anywhere. */
public final class Deliveries {

    private Deliveries() {
    }

    /** A random merge of the aggregates' streams: each aggregate's events stay in their order. */
    public static List<ProjectedEvent> interleave(List<ProjectedEvent> events, Random random) {
        Map<String, Deque<ProjectedEvent>> byAggregate = new LinkedHashMap<>();
        events.forEach(e -> byAggregate.computeIfAbsent(e.event().aggregateId(), id -> new ArrayDeque<>()).add(e));
        List<Deque<ProjectedEvent>> streams = new ArrayList<>(byAggregate.values());
        List<ProjectedEvent> merged = new ArrayList<>(events.size());
        while (!streams.isEmpty()) {
            Deque<ProjectedEvent> stream = streams.get(random.nextInt(streams.size()));
            merged.add(stream.poll());
            if (stream.isEmpty()) {
                streams.remove(stream);
            }
        }
        return merged;
    }

    /** Applies the events in batches of 1 to 25, cut at random. */
    public static List<BatchResult> applyInRandomBatches(ReadModelProjector projector, List<ProjectedEvent> events,
                                                         Random random) {
        List<BatchResult> results = new ArrayList<>();
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(25));
            results.add(projector.apply(events.subList(from, to)));
            from = to;
        }
        return results;
    }
}
