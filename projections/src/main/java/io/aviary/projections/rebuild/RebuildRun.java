package io.aviary.projections.rebuild;

import com.mongodb.client.MongoDatabase;
import io.aviary.projections.apply.BatchOutcome;
import io.aviary.projections.apply.BatchProjection;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModel;
import io.aviary.projections.kafka.CloudEventDecoder;
import io.cloudevents.CloudEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One rebuild of one read model:
 * <ol>
 *   <li>REPLAYING: fresh collections {@code <collection>__rebuild_<n>} for everything the model's projection
 *       writes; the topic read by a consumer of its own from offset 0 up to the end offsets captured at the start.
 *       Meanwhile the live consumer keeps applying new events to the live collections, which keep serving.</li>
 *   <li>CATCHING_UP: the live consumer is paused (after its current batch); the rebuild reads on up to the topic's
 *       end offsets of that moment, so it holds at least everything the live collection holds.</li>
 *   <li>SWAPPING: the model's rebuilt collections are renamed over the live ones; scratch copies of sibling
 *       collections are dropped; the live consumer resumes from its committed offsets and skips, by idempotence,
 *       what the rebuilt collections already hold.</li>
 * </ol>
 * A failure at any step drops the fresh collections and leaves the live ones (and the live consumer) as they were.
 */
final class RebuildRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RebuildRun.class);

    private final ReadModel model;
    private final MongoDatabase database;
    private final Supplier<EventLogReader> readers;
    private final CloudEventDecoder decoder;
    private final LiveProjection live;
    private final Duration logInterval;
    private final Clock clock;
    private final Map<String, String> fresh = new LinkedHashMap<>();

    private volatile RebuildState state = RebuildState.RUNNING;
    private volatile RebuildPhase phase = RebuildPhase.REPLAYING;
    private volatile long processed;
    private volatile long total;
    private volatile Instant finishedAt;
    private volatile String error;
    private final Instant startedAt;
    private Instant lastLog;

    RebuildRun(ReadModel model, int number, MongoDatabase database, Supplier<EventLogReader> readers,
               CloudEventDecoder decoder, LiveProjection live, Duration logInterval, Clock clock) {
        this.model = model;
        this.database = database;
        this.readers = readers;
        this.decoder = decoder;
        this.live = live;
        this.logInterval = logInterval;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.lastLog = startedAt;
        for (String collection : model.writtenCollections()) {
            fresh.put(collection, collection + "__rebuild_" + number);
        }
    }

    @Override
    public void run() {
        log.info("Rebuild of {} started into {}", model.modelName(), fresh.values());
        try {
            fresh.values().forEach(name -> CollectionSwap.createEmpty(database, name));
            BatchProjection projection = model.projection(logical -> database.getCollection(fresh.get(logical)));
            try (EventLogReader reader = readers.get()) {
                Map<TopicPartition, Long> end = reader.endOffsets();
                total = reader.offsetsUpTo(end);
                reader.readUntil(end, records -> apply(projection, reader, records));
                phase = RebuildPhase.CATCHING_UP;
                live.pause();
                try {
                    Map<TopicPartition, Long> latest = reader.endOffsets();
                    total = reader.offsetsUpTo(latest);
                    reader.readUntil(latest, records -> apply(projection, reader, records));
                    processed = reader.consumed();
                    log.info("Rebuild of {} caught up to {} offsets; swapping in {}", model.modelName(), processed,
                            model.swappedCollections());
                    phase = RebuildPhase.SWAPPING;
                    swap();
                } finally {
                    live.resume();
                }
            }
            finishedAt = clock.instant();
            state = RebuildState.DONE;
            log.info("Rebuild of {} done: {} offsets in {} ms ({} events/s), swapped in {}", model.modelName(),
                    processed, Duration.between(startedAt, finishedAt).toMillis(), eventsPerSecond(),
                    model.swappedCollections());
        } catch (RuntimeException e) {
            error = e.toString();
            finishedAt = clock.instant();
            state = RebuildState.FAILED;
            log.error("Rebuild of {} failed after {} of {} offsets; the live read model is unchanged",
                    model.modelName(), processed, total, e);
            fresh.values().forEach(name -> CollectionSwap.dropQuietly(database, name));
        } finally {
            phase = null;
        }
    }

    private void apply(BatchProjection projection, EventLogReader reader,
                       List<ConsumerRecord<String, CloudEvent>> records) {
        List<ProjectedEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, CloudEvent> record : records) {
            decoder.decode(record).ifPresent(events::add);
        }
        projection.apply(events, new BatchOutcome());
        processed = reader.consumed();
        Instant now = clock.instant();
        if (Duration.between(lastLog, now).compareTo(logInterval) >= 0) {
            lastLog = now;
            log.info("Rebuild of {}: {} of {} offsets ({} %), {} events/s", model.modelName(), processed, total,
                    total == 0 ? 100 : processed * 100 / total, eventsPerSecond());
        }
    }

    private void swap() {
        for (Map.Entry<String, String> collection : fresh.entrySet()) {
            if (model.swappedCollections().contains(collection.getKey())) {
                CollectionSwap.swapIn(database, collection.getValue(), collection.getKey());
            } else {
                CollectionSwap.dropQuietly(database, collection.getValue());
            }
        }
    }

    boolean running() {
        return state == RebuildState.RUNNING;
    }

    RebuildProgress progress() {
        return new RebuildProgress(model.modelName(), state, phase, processed, total, startedAt, finishedAt,
                eventsPerSecond(), List.copyOf(fresh.values()), error);
    }

    private long eventsPerSecond() {
        Instant end = finishedAt != null ? finishedAt : clock.instant();
        long millis = Math.max(1, Duration.between(startedAt, end).toMillis());
        return processed * 1000 / millis;
    }
}
