package io.aviary.benchmarks.sidebyside;

import io.aviary.benchmarks.lifecycle.CompletionTracker;
import io.aviary.benchmarks.rig.CommandApi;
import io.aviary.benchmarks.rig.Rig;
import io.aviary.benchmarks.stats.Percentiles;
import io.aviary.events.Topics;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Aviary's side of scenario 7: submit {@code n} {@code noop} tasks as fast as {@code concurrency} requests in flight
 * allow, and time the batch from the first request to the last task COMPLETED in the read model.
 */
final class AviaryBatchRunner {

    private final Rig rig;

    AviaryBatchRunner(Rig rig) {
        this.rig = rig;
    }

    /**
     * @param kafkaBefore end offsets of {@code aviary.events} before the batch, {@code kafkaAfter} when it was done:
     *                    the batch's records, which the raw baseline re-sends
     */
    record Result(int tasks, double seconds, double tasksPerSecond, double createPerSecond, long events,
                  double eventsPerSecond, Percentiles createdToStarted, boolean complete,
                  Map<TopicPartition, Long> kafkaBefore, Map<TopicPartition, Long> kafkaAfter) {
    }

    Result run(int n, int concurrency, Duration timeout) {
        Map<TopicPartition, Long> before = rig.kafka().endOffsetsByPartition(Topics.EVENTS);
        List<String> ids = Collections.synchronizedList(new ArrayList<>(n));
        try (CompletionTracker tracker = new CompletionTracker(rig.readModels(), Duration.ofMillis(100), 1000,
                false)) {
            Semaphore inFlight = new Semaphore(concurrency);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                inFlight.acquireUninterruptibly();
                rig.command().createNoopTask().thenAccept(created -> {
                    inFlight.release();
                    if (created.ok()) {
                        tracker.track(created.taskId());
                        ids.add(created.taskId());
                    }
                });
            }
            inFlight.acquireUninterruptibly(concurrency);
            inFlight.release(concurrency);
            double createSeconds = (System.nanoTime() - start) / 1e9;
            boolean complete = tracker.awaitDrained(timeout);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<TopicPartition, Long> after = rig.kafka().endOffsetsByPartition(Topics.EVENTS);
            long events = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L))
                    .sum();
            return new Result(ids.size(), seconds, tracker.completed() / seconds, ids.size() / createSeconds, events,
                    events / seconds, createdToStarted(ids), complete && ids.size() == n, before, after);
        }
    }

    private Percentiles createdToStarted(List<String> ids) {
        List<String> sample;
        synchronized (ids) {
            sample = new ArrayList<>(ids.subList(0, Math.min(ids.size(), 2000)));
        }
        List<Double> latencies = new ArrayList<>();
        for (Document task : rig.readModels().taskDocuments(sample)) {
            Long created = null;
            Long started = null;
            for (Document entry : task.getList("timeline", Document.class, List.of())) {
                Date at = entry.getDate("at");
                if ("TaskCreated".equals(entry.getString("event")) && created == null && at != null) {
                    created = at.getTime();
                } else if ("TaskStarted".equals(entry.getString("event")) && started == null && at != null) {
                    started = at.getTime();
                }
            }
            if (created != null && started != null) {
                latencies.add((double) (started - created));
            }
        }
        return Percentiles.of(latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

}
