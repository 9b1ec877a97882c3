package io.aviary.agent.assignment;

import io.aviary.agent.AgentJson;
import io.aviary.agent.command.CommandApiClient;
import io.aviary.agent.execution.AttemptRunner;
import io.aviary.agent.execution.WorkQueue;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.support.CountingExecutor;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.agent.support.SignedInClient;
import io.aviary.events.AviaryEvent;
import io.aviary.events.CloudEventAttributes;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Batches as the consumer hands them over, built with cloudevents-kafka's serializer (the wire format); Kafka itself
 * is exercised in {@code AgentIntegrationTest}.
 */
class AssignmentIntakeTest {

    private static final String ME = "worker-me";

    @TempDir
    Path stateDir;

    private final FakeCommandApi api = new FakeCommandApi();
    private final CountingExecutor counting = new CountingExecutor();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private ProcessedAssignmentLog attempts;
    private WorkQueue work;
    private AssignmentIntake intake;
    private long offset;

    @BeforeEach
    void setUp() {
        attempts = ProcessedAssignmentLog.open(stateDir.resolve("assignments.log"), AgentJson.newMapper(),
                Clock.systemUTC());
        CommandApiClient client = SignedInClient.enrol(api, "intake-test");
        work = new WorkQueue(1, new AttemptRunner(ME, client, new ExecutorRegistry(List.of(counting)), attempts,
                timer));
        intake = new AssignmentIntake(ME, attempts, work, AgentJson.newMapper());
    }

    @AfterEach
    void tearDown() {
        work.shutdown(Duration.ofSeconds(1));
        timer.shutdownNow();
        attempts.close();
        api.close();
    }

    @Test
    void anAssignmentCancelledInTheSameBatchNeverRunsAndStaysDroppedAfterARestart() {
        // given one batch holding an assignment for this worker and its cancellation
        TaskAssigned assigned = new TaskAssigned("t-1", "count", 1, ME, Map.of(), 30_000, Instant.now());
        TaskCancelled cancelled = new TaskCancelled("t-1", "count", 1, ME, "operator", Instant.now());

        // when the intake takes the batch in
        intake.accept(batch(record(assigned), record(cancelled)));

        // then the attempt is known but dropped, durably, and never reaches the command side
        assertThat(attempts.state(new AttemptKey("t-1", 1))).contains(AttemptState.DROPPED);
        await().until(() -> work.size() == 0);
        assertThat(api.starts("t-1")).isEmpty();
        attempts.close();
        try (ProcessedAssignmentLog reloaded = ProcessedAssignmentLog.open(stateDir.resolve("assignments.log"),
                AgentJson.newMapper(), Clock.systemUTC())) {
            assertThat(reloaded.unfinished()).isEmpty();
            assertThat(reloaded.state(new AttemptKey("t-1", 1))).contains(AttemptState.DROPPED);
        }
    }

    @Test
    void aMalformedEventIsSkippedAndTheRestOfTheBatchStillCounts() {
        // given a batch whose first record claims to be an assignment but carries broken data
        ConsumerRecord<String, byte[]> broken = record(
                new TaskAssigned("t-broken", "count", 1, ME, Map.of(), 30_000, Instant.now()));
        ConsumerRecord<String, byte[]> garbled = new ConsumerRecord<>(broken.topic(), 0, broken.offset(),
                ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE,
                ConsumerRecord.NULL_SIZE, broken.key(), "{not json".getBytes(StandardCharsets.UTF_8),
                broken.headers(), Optional.empty());
        TaskAssigned fine = new TaskAssigned("t-fine", "count", 1, ME, Map.of(), 30_000, Instant.now());

        // when it is taken in
        intake.accept(batch(garbled, record(fine)));

        // then the broken one is ignored and the good one runs
        await().until(() -> api.completes("t-fine").size() == 1);
        assertThat(attempts.contains(new AttemptKey("t-broken", 1))).isFalse();
        assertThat(counting.executions("t-fine", 1)).isEqualTo(1);
    }

    @Test
    void anAssignmentUnderAnOlderVersionsNameIsTakenToo() {
        // given an assignment written by a command side of the version before (TaskAssigned v1: no fee)
        TaskAssigned assigned = new TaskAssigned("t-old", "count", 1, ME, Map.of(), 30_000, Instant.now());
        EventCatalog.EventType v1 = EventCatalog.byCloudEventType("io.aviary.task.TaskAssigned.v1").orElseThrow();

        // when it arrives
        intake.accept(batch(record(assigned, v1)));

        // then this agent, which writes and knows v2 as current, still takes it
        assertThat(v1.isCurrent()).isFalse();
        assertThat(attempts.contains(new AttemptKey("t-old", 1))).isTrue();
        assertThat(work.size()).isEqualTo(1);
    }

    @Test
    void recordsWithoutAnAviaryTypeAreIgnored() {
        ConsumerRecord<String, byte[]> plain = new ConsumerRecord<>(Topics.EVENTS, 0, offset++, "t-plain",
                "{}".getBytes(StandardCharsets.UTF_8));

        intake.accept(batch(plain));

        assertThat(attempts.size()).isZero();
        assertThat(work.size()).isZero();
    }

    private ConsumerRecord<String, byte[]> record(AviaryEvent event) {
        return record(event, EventCatalog.of(event.getClass()));
    }

    private ConsumerRecord<String, byte[]> record(AviaryEvent event, EventCatalog.EventType type) {
        RecordHeaders headers = new RecordHeaders();
        byte[] value;
        try (CloudEventSerializer serializer = new CloudEventSerializer()) {
            serializer.configure(Map.of(), false);
            value = serializer.serialize(Topics.EVENTS, headers, CloudEventBuilder.v1()
                    .withId(UUID.randomUUID().toString())
                    .withSource(URI.create(CloudEventAttributes.SOURCE))
                    .withType(type.cloudEventType())
                    .withSubject(event.aggregateId())
                    .withDataContentType("application/json")
                    .withExtension(CloudEventAttributes.AGGREGATE_SEQUENCE, "0")
                    .withExtension(CloudEventAttributes.AGGREGATE_TYPE, type.aggregate())
                    .withData(AgentJson.newMapper().writeValueAsBytes(event))
                    .build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new ConsumerRecord<>(Topics.EVENTS, 0, offset++, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE,
                event.aggregateId(), value, headers, Optional.empty());
    }

    @SafeVarargs
    private static ConsumerRecords<String, byte[]> batch(ConsumerRecord<String, byte[]>... records) {
        return new ConsumerRecords<>(Map.of(new TopicPartition(Topics.EVENTS, 0), new ArrayList<>(List.of(records))));
    }
}
