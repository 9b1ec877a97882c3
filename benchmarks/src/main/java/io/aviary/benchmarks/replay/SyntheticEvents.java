package io.aviary.benchmarks.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.events.AviaryEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountIds;
import io.aviary.events.account.AccountOpened;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerRegistered;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Scenario 4's event log, written by the benchmark straight to {@code aviary.events} for speed (not through the
 * command side): schema-valid CloudEvents in Aviary's binary mode (headers {@code ce_*}, key = aggregate id, JSON
 * data written by Jackson from the events-schema records, record timestamp = event time). The history is coherent:
 * {@code workers} synthetic workers register (and their accounts open), then each task lives the no-op lifecycle on
 * one of them: created, assigned (+ fee charged), started, completed SUCCESS (+ reward credited) — 6 events per task,
 * with per-aggregate sequences and running balances, spread evenly over {@code span} ending now.
 */
public final class SyntheticEvents {

    /** What Aviary's command side writes as JSON: ISO-8601 dates, enums by name (command-side EventJson). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final byte[] SPEC_VERSION = "1.0".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOURCE = CloudEventAttributes.SOURCE.getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTENT_TYPE = "application/json".getBytes(StandardCharsets.UTF_8);

    private final int workers;
    private final Duration span;
    private final String namePrefix;
    private final Random random = new Random(42);

    /**
     * @param namePrefix synthetic worker names are {@code <prefix>-<n>}: distinct from the platform's agents
     */
    public SyntheticEvents(int workers, Duration span, String namePrefix) {
        this.workers = workers;
        this.span = span;
        this.namePrefix = namePrefix;
    }

    /** Events for a history of at least {@code events} events (the last task completes it: up to 5 more). */
    public static int tasksFor(int events, int workers) {
        return Math.max(1, (int) Math.ceil((events - 2.0 * workers) / 6));
    }

    /** One event ready to send: its aggregate id (the key), its sequence, the record and its time. */
    public record Event(String aggregateId, long sequence, AviaryEvent payload, Instant time) {
    }

    /** Generates the history in order, handing each event to {@code sink}. Returns the number of events. */
    public long generate(int events, Consumer<Event> sink) {
        int tasks = tasksFor(events, workers);
        Instant end = Instant.now();
        Instant start = end.minus(span);
        List<String> workerIds = new ArrayList<>(workers);
        long[] accountSeq = new long[workers];
        long[] balance = new long[workers];
        long count = 0;
        for (int w = 0; w < workers; w++) {
            String name = namePrefix + "-" + (w + 1);
            String workerId = WorkerIds.forName(name);
            workerIds.add(workerId);
            Instant at = start.plusMillis(w);
            sink.accept(new Event(workerId, 0, new WorkerRegistered(workerId, name, "bench-hw-" + (w + 1), 4, 8,
                    List.of("noop"), Map.of(), at), at));
            String accountId = AccountIds.forWorker(workerId);
            sink.accept(new Event(accountId, accountSeq[w]++, new AccountOpened(accountId, workerId, at), at));
            count += 2;
        }
        long stepNanos = Math.max(1, span.toNanos() / tasks);
        for (int t = 0; t < tasks; t++) {
            int w = t % workers;
            String workerId = workerIds.get(w);
            String accountId = AccountIds.forWorker(workerId);
            String taskId = new UUID(random.nextLong(), random.nextLong()).toString();
            int fee = 10 + random.nextInt(11);
            int reward = 20 + random.nextInt(21);
            Instant created = start.plusSeconds(1).plusNanos(stepNanos * t).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant assigned = created.plusMillis(3);
            Instant started = created.plusMillis(6);
            Instant completed = created.plusMillis(9);
            sink.accept(new Event(taskId, 0, new TaskCreated(taskId, "noop", Map.of(), 0, Map.of(), 3, 60_000, null,
                    fee, reward, created), created));
            sink.accept(new Event(taskId, 1, new TaskAssigned(taskId, "noop", 1, workerId, Map.of(), 60_000,
                    assigned), assigned));
            balance[w] -= fee;
            sink.accept(new Event(accountId, accountSeq[w]++, new AccountCharged(accountId, workerId, taskId, 1, fee,
                    "assignment", balance[w], assigned), assigned));
            sink.accept(new Event(taskId, 2, new TaskStarted(taskId, "noop", 1, workerId, started), started));
            sink.accept(new Event(taskId, 3, new TaskCompleted(taskId, "noop", 1, workerId, Outcome.SUCCESS,
                    Map.of(), null, completed), completed));
            balance[w] += reward;
            sink.accept(new Event(accountId, accountSeq[w]++, new AccountCredited(accountId, workerId, taskId, 1,
                    reward, "completion", balance[w], completed), completed));
            count += 6;
        }
        return count;
    }

    /** The Kafka record of an event, as Aviary's publisher writes it. */
    public static ProducerRecord<String, byte[]> record(Event event) {
        EventCatalog.EventType type = EventCatalog.of(event.payload().getClass());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.EVENTS, null, event.time().toEpochMilli(),
                event.aggregateId(), json(event.payload()));
        var headers = record.headers();
        headers.add("ce_specversion", SPEC_VERSION);
        headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_source", SOURCE);
        headers.add("ce_type", bytes(type.cloudEventType()));
        headers.add("ce_subject", bytes(event.aggregateId()));
        headers.add("ce_time", bytes(event.time().atOffset(ZoneOffset.UTC).toString()));
        headers.add("content-type", CONTENT_TYPE);
        headers.add("ce_" + CloudEventAttributes.AGGREGATE_SEQUENCE, bytes(Long.toString(event.sequence())));
        headers.add("ce_" + CloudEventAttributes.AGGREGATE_TYPE, bytes(type.aggregate()));
        return record;
    }

    /** Writes a history of at least {@code events} events; returns how many were sent. */
    public long writeTo(String bootstrap, int events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "aviary-benchmark-synthetic",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                new StringSerializer(), new ByteArraySerializer())) {
            long sent = generate(events, event -> producer.send(record(event)));
            producer.flush();
            return sent;
        }
    }

    static byte[] json(Object payload) {
        try {
            return JSON.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + payload.getClass().getSimpleName(), e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
