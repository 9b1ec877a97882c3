package io.aviary.projections.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskEvent;
import io.aviary.infra.EmbeddedStack;
import io.aviary.projections.apply.EconomyFeed;
import io.aviary.projections.apply.ProjectedEvent;
import io.aviary.projections.apply.ReadModelProjector;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts the MongoDB commands the listener sends for one Kafka batch, with a driver {@link CommandListener} on the
 * official driver against the embedded wire server (no timings: a count). A realistic batch is the task economy of
 * the benchmark's scenario 1 (create, assign + charge, start, complete + credit) for 400 tasks over 4 workers. Per
 * batch, every collection is read at most once (one {@code find} with {@code $in} on {@code _id}, no
 * {@code getMore}) and written at most once (one bulk command), however many events or documents the batch holds;
 * and the read models, being independent, send their reads at the same time (the most finds in flight together is
 * counted), so that a batch waits for its longest chain of round trips rather than for all of them in a row.
 */
class ProjectionRoundTripsTest {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRoundTripsTest.class);
    /** Collections the live projector can write for task and account events (tasks, workers, queues, accounts...). */
    private static final int COLLECTIONS_TOUCHED_AT_MOST = 9;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final List<String> commands = Collections.synchronizedList(new ArrayList<>());
    private final ReadsInFlight reads = new ReadsInFlight();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(EmbeddedStack.shared().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    commands.add(describe(event));
                }
            })
            .addCommandListener(reads)
            .build());
    private final MongoDatabase database = client.getDatabase(EmbeddedStack.shared().newDatabaseName("round_trips"));
    private final EventsListener listener = new EventsListener(new CloudEventDecoder(json),
            new ReadModelProjector(database), new ProjectionMeters(new SimpleMeterRegistry()));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void commands_per_batch_do_not_grow_with_the_events_it_holds() throws Exception {
        // given 4 workers, then the lifecycles of 4 x 100 tasks spread over them (6 events each: created, assigned +
        // charged, started, completed + credited), each hundred interleaved as under load
        EconomyFeed feed = new EconomyFeed().at("2026-03-02T10:00:00Z");
        List<String> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String name = "round-trips-" + w + "-" + UUID.randomUUID();
            feed.worker(name, "noop");
            workers.add(EconomyFeed.workerId(name));
        }
        List<ProjectedEvent> registrations = feed.events();
        int tasksPerRound = 100;
        for (int round = 0; round < 4; round++) {
            List<String> tasks = new ArrayList<>();
            for (int t = 0; t < tasksPerRound; t++) {
                tasks.add(EconomyFeed.taskId("round-trips-" + UUID.randomUUID()));
            }
            tasks.forEach(task -> feed.created(task, "noop", 2, 5));
            feed.plus(Duration.ofMillis(300));
            for (int t = 0; t < tasks.size(); t++) {
                feed.assigned(tasks.get(t), workers.get(t % workers.size()));
            }
            feed.plus(Duration.ofMillis(300));
            tasks.forEach(feed::started);
            feed.plus(Duration.ofMillis(300));
            tasks.forEach(task -> feed.completed(task, Outcome.SUCCESS));
            feed.plus(Duration.ofSeconds(1));
        }
        List<ProjectedEvent> all = feed.events();
        List<ProjectedEvent> lifecycles = all.subList(registrations.size(), all.size());

        // when the registrations are projected, then the first 40 lifecycle events, then the rest in batches of 500
        // (the consumer's max-poll-records; a batch spans up to 200 tasks), then the last batch again (redelivery)
        Map<String, Map<String, Integer>> perBatch = new LinkedHashMap<>();
        perBatch.put("registrations (" + registrations.size() + " events)", project(registrations));
        perBatch.put("40 events", project(lifecycles.subList(0, 40)));
        List<ProjectedEvent> last = List.of();
        for (int start = 40; start < lifecycles.size(); start += 500) {
            last = lifecycles.subList(start, Math.min(lifecycles.size(), start + 500));
            perBatch.put(last.size() + " events from " + start, project(last));
        }
        Map<String, Integer> redelivered = project(last);
        perBatch.put("the last batch again", redelivered);

        // then every collection is read at most once and written at most once per batch
        perBatch.forEach((batch, counts) -> log.info("MongoDB commands, batch of {}: {} in all, {}", batch,
                counts.values().stream().mapToInt(Integer::intValue).sum(), counts));
        perBatch.forEach((batch, counts) -> {
            assertThat(counts).as("commands of the batch of %s", batch)
                    .allSatisfy((command, count) -> assertThat(count).as("%s in %s", command, batch).isEqualTo(1));
            assertThat(counts.keySet()).as("commands of the batch of %s", batch)
                    .allMatch(command -> command.startsWith("find ") || command.startsWith("update "));
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum())
                    .isLessThanOrEqualTo(2 * COLLECTIONS_TOUCHED_AT_MOST);
        });
        assertThat(redelivered.keySet()).as("a redelivered batch only reads").allMatch(c -> c.startsWith("find "));
        assertThat(database.getCollection("tasks").countDocuments(new Document("status", "COMPLETED")))
                .isEqualTo(4L * tasksPerRound);
    }

    @Test
    void the_read_models_read_their_documents_at_the_same_time() throws Exception {
        // given 4 workers and 20 tasks' lifecycles (tasks, workers, queues, accounts, audit, daily and fleet
        // analytics are touched)
        EconomyFeed feed = new EconomyFeed().at("2026-03-02T10:00:00Z");
        List<String> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String name = "in-flight-" + w + "-" + UUID.randomUUID();
            feed.worker(name, "noop");
            workers.add(EconomyFeed.workerId(name));
        }
        project(feed.events());
        int registrations = feed.events().size();
        for (int t = 0; t < 20; t++) {
            String task = EconomyFeed.taskId("in-flight-" + UUID.randomUUID());
            feed.created(task, "noop", 2, 5).assigned(task, workers.get(t % 4)).started(task)
                    .completed(task, Outcome.SUCCESS);
        }
        List<ProjectedEvent> lifecycles = feed.events().subList(registrations, feed.events().size());

        // when the batch is projected while each find waits (at most 5 s) until 5 finds are in flight together
        reads.holdUntil(5);
        project(lifecycles);
        reads.release();

        // then the first reads of the 5 independent read models were sent together, not one after the other
        log.info("Most finds in flight together: {}", reads.most());
        assertThat(reads.most()).isGreaterThanOrEqualTo(5);
        assertThat(database.getCollection("tasks").countDocuments(new Document("status", "COMPLETED")))
                .isEqualTo(20L);
    }

    /**
     * Counts the {@code find} commands in flight. While holding, a find waits (at most 5 s, a guard against
     * sequential code, never a measure) until {@code together} finds are in flight, so that the most seen in
     * flight together is a count that does not depend on the machine's speed.
     */
    private static final class ReadsInFlight implements CommandListener {

        private int inFlight;
        private int most;
        private int together;

        synchronized void holdUntil(int together) {
            this.together = together;
            this.most = 0;
            notifyAll();
        }

        synchronized void release() {
            this.together = 0;
            notifyAll();
        }

        synchronized int most() {
            return most;
        }

        @Override
        public synchronized void commandStarted(CommandStartedEvent event) {
            if (!"find".equals(event.getCommandName())) {
                return;
            }
            inFlight++;
            most = Math.max(most, inFlight);
            notifyAll();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (together > 0 && most < together && System.nanoTime() < deadline) {
                try {
                    wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public synchronized void commandSucceeded(CommandSucceededEvent event) {
            if ("find".equals(event.getCommandName())) {
                inFlight--;
            }
        }

        @Override
        public synchronized void commandFailed(CommandFailedEvent event) {
            if ("find".equals(event.getCommandName())) {
                inFlight--;
            }
        }
    }

    /** Projects one batch through the listener and returns its commands, "name collection" -> how many. */
    private Map<String, Integer> project(List<ProjectedEvent> events) throws Exception {
        List<ConsumerRecord<String, CloudEvent>> records = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            records.add(record(events.get(i), i));
        }
        commands.clear();
        listener.onBatch(records);
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (commands) {
            commands.forEach(command -> counts.merge(command, 1, Integer::sum));
        }
        return counts;
    }

    private static String describe(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        BsonValue target = command.get(event.getCommandName());
        String collection = target != null && target.isString() ? target.asString().getValue()
                : command.containsKey("collection") ? command.getString("collection").getValue() : "?";
        return event.getCommandName() + " " + collection;
    }

    private ConsumerRecord<String, CloudEvent> record(ProjectedEvent projected, long offset) throws Exception {
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(projected.eventId())
                .withSource(URI.create(CloudEventAttributes.SOURCE))
                .withType(EventCatalog.of(projected.event().getClass()).cloudEventType())
                .withSubject(projected.event().aggregateId())
                .withTime(Instant.now().atOffset(ZoneOffset.UTC))
                .withData("application/json", json.writeValueAsBytes(projected.event()))
                .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, Long.toString(projected.sequence()))
                .withExtension(CloudEventAttributes.AGGREGATE_TYPE, projected.event() instanceof TaskEvent ? "task"
                        : projected.event() instanceof AccountEvent ? "account" : "worker")
                .build();
        return new ConsumerRecord<>(Topics.EVENTS, 0, offset, projected.event().aggregateId(), cloudEvent);
    }
}
