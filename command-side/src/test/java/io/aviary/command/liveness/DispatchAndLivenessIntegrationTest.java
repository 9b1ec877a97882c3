package io.aviary.command.liveness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.TestApi.Agent;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dispatcher and liveness monitor on the real stack (embedded PostgreSQL event store, real Kafka broker), through the
 * command API: a beating agent gets a task; when its beats stop it goes DOWN and the task is re-queued. Beats carry
 * the agent's token; a beat without one, or with another agent's, does not keep a worker alive. Each test uses task
 * types of its own, so workers of other tests never take its tasks.
 */
class DispatchAndLivenessIntegrationTest extends CommandSideIntegrationTest {

    private static final EmbeddedStack STACK = EmbeddedStack.shared();
    /** Default liveness settings: DOWN after 5 missed 1-second beats. */
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    EventStore eventStore;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor();
    private final String taskType = "it-dispatch-" + UUID.randomUUID();
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafkaBootstrap()),
                new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void stopBeating() {
        heart.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }

    @Test
    void a_beating_worker_gets_the_task_and_when_its_beats_stop_it_goes_down_and_the_task_is_requeued() {
        // given an enrolled agent that heartbeats every 100 ms with its token, both its slots busy (work from
        // elsewhere), and registers itself
        Agent agent = api().enrolAgent();
        startBeating(agent.workerId(), agent.name(), "Bearer " + agent.accessToken());
        ResponseEntity<JsonNode> registered = api().registerWorker(agent, taskType);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(registered.getBody().get("workerId").asText()).isEqualTo(agent.workerId());

        // then its heartbeats reach the liveness monitor, which makes it WORKING
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(agent.workerId(), WorkerStateChanged.class))
                .anySatisfy(change -> assertThat(change.to()).isEqualTo(WorkerState.WORKING)));

        // when a task is submitted
        ResponseEntity<JsonNode> created = api().post("/api/v1/tasks", Map.of("type", taskType),
                api().adminToken());
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String taskId = created.getBody().get("taskId").asText();

        // then the dispatcher assigns it to the worker (WORKING still takes work while it has room)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(taskId, TaskAssigned.class))
                .singleElement().satisfies(assigned -> {
                    assertThat(assigned.workerId()).isEqualTo(agent.workerId());
                    assertThat(assigned.attempt()).isEqualTo(1);
                }));

        // and when its heartbeats stop
        heart.shutdownNow();

        // then the liveness monitor marks it DOWN and the dispatcher re-queues its task
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(agent.workerId(), WorkerStateChanged.class))
                .anySatisfy(change -> {
                    assertThat(change.to()).isEqualTo(WorkerState.DOWN);
                    assertThat(change.reason()).startsWith("missed");
                }));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(taskId, TaskRequeued.class))
                .singleElement().satisfies(requeued -> {
                    assertThat(requeued.fromWorkerId()).isEqualTo(agent.workerId());
                    assertThat(requeued.attempt()).isEqualTo(1);
                    assertThat(requeued.reason()).isEqualTo("worker down");
                }));
    }

    @Test
    void beats_without_a_token_or_with_another_agents_token_do_not_keep_a_worker_alive() {
        // given a registered agent whose beats carry no token, and another agent beating for it with its own token
        Agent agent = api().enrolAgent();
        Agent other = api().enrolAgent();
        assertThat(api().registerWorker(agent, taskType).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        heart.scheduleAtFixedRate(() -> {
            beat(agent.workerId(), agent.name(), null);
            beat(agent.workerId(), agent.name(), "Bearer " + other.accessToken());
            beat(agent.workerId(), agent.name(), "Bearer not-a-jwt");
        }, 0, 100, TimeUnit.MILLISECONDS);

        // then none of those beats counts: the worker goes DOWN after the silence limit, never WORKING before
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(agent.workerId(), WorkerStateChanged.class))
                .anySatisfy(change -> assertThat(change.to()).isEqualTo(WorkerState.DOWN)));
        assertThat(payloads(agent.workerId(), WorkerStateChanged.class))
                .noneSatisfy(change -> assertThat(change.to()).isEqualTo(WorkerState.WORKING));
    }

    private void startBeating(String workerId, String name, String authorization) {
        heart.scheduleAtFixedRate(() -> beat(workerId, name, authorization), 0, 100, TimeUnit.MILLISECONDS);
    }

    private void beat(String workerId, String name, String authorization) {
        try {
            String beat = json.writeValueAsString(new Heartbeat(workerId, name, 2, 2, Instant.now()));
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.WORKER_LIVENESS, workerId, beat);
            if (authorization != null) {
                record.headers().add(HeartbeatAuthenticator.HEADER, authorization.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> payloads(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId).asStream().map(Message::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
