package io.aviary.projections.apply;

import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static io.aviary.projections.apply.EventFeed.newTaskId;
import static io.aviary.projections.apply.EventFeed.newWorkerId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 events in batches of 500 (the consumer's {@code max-poll-records}), then the same again as a redelivery.
 * Logs the rate for the record; asserts only the outcome (no timed asserts on a shared machine).
 */
class ProjectorThroughputTest {

    private static final Logger log = LoggerFactory.getLogger(ProjectorThroughputTest.class);
    private static final int BATCH = 500;

    @Test
    void tenThousandEventsInBatchesOfFiveHundred() {
        try (ReadModelStore store = new ReadModelStore("throughput")) {
            // given 2,500 tasks of 4 events each, spread over 20 workers
            ReadModelProjector projector = new ReadModelProjector(store.database());
            List<String> workers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                workers.add(newWorkerId());
            }
            EventFeed feed = new EventFeed();
            for (int i = 0; i < 2_500; i++) {
                String task = newTaskId();
                String worker = workers.get(i % workers.size());
                feed.created(task, "noop", 3).assigned(task, "noop", 1, worker).started(task, "noop", 1, worker)
                        .completed(task, "noop", 1, worker, Outcome.SUCCESS);
            }
            List<ProjectedEvent> events = feed.events();

            // when
            long first = applyInBatches(projector, events);
            var afterFirst = store.snapshot();
            long again = applyInBatches(projector, events);

            // then
            log.info("Projected {} events in {} ms ({} events/s); redelivery of all of them: {} ms ({} events/s)",
                    events.size(), first, rate(events.size(), first), again, rate(events.size(), again));
            assertThat(store.database().getCollection("tasks").countDocuments()).isEqualTo(2_500);
            assertThat(store.database().getCollection("worker_queues").countDocuments()).isEqualTo(20);
            assertThat(store.database().getCollection("workers").countDocuments()).isEqualTo(20);
            assertThat(store.snapshot()).isEqualTo(afterFirst);
        }
    }

    private static long applyInBatches(ReadModelProjector projector, List<ProjectedEvent> events) {
        long start = System.nanoTime();
        for (int from = 0; from < events.size(); from += BATCH) {
            projector.apply(events.subList(from, Math.min(events.size(), from + BATCH)));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static long rate(int events, long millis) {
        return millis == 0 ? events * 1000L : events * 1000L / millis;
    }
}
