package io.aviary.command.liveness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.aviary.events.Topics;
import io.aviary.events.liveness.Heartbeat;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.worker.WorkerIds;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
 * command API: a beating worker gets a task; when its beats stop it goes DOWN and the task is re-queued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DispatchAndLivenessIntegrationTest {

    private static final EmbeddedStack STACK = EmbeddedStack.shared();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ScheduledExecutorService heart = Executors.newSingleThreadScheduledExecutor();
    private KafkaProducer<String, String> producer;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        String schema = createSchema(STACK.newDatabaseName("dispatch_liveness"));
        String url = STACK.postgresJdbcUrl();
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        registry.add("spring.datasource.username", STACK::postgresUser);
        registry.add("spring.datasource.password", STACK::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", STACK::kafkaBootstrap);
        registry.add("axon.kafka.bootstrap-servers", STACK::kafkaBootstrap);
        registry.add("aviary.liveness.heartbeat-interval", () -> "200ms");
        registry.add("aviary.liveness.missed-beats", () -> "3");
    }

    /** A schema of its own: this test's dispatcher replays only this test's events. */
    private static String createSchema(String schema) {
        try (Connection connection = DriverManager.getConnection(STACK.postgresJdbcUrl(), STACK.postgresUser(),
                STACK.postgresPassword()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            return schema;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
    }

    @AfterEach
    void stopBeating() {
        heart.shutdownNow();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_beating_worker_gets_the_task_and_when_its_beats_stop_it_goes_down_and_the_task_is_requeued() {
        // given a worker whose agent heartbeats every 100 ms, both its slots busy (with work from elsewhere)
        String name = "it-worker-" + UUID.randomUUID();
        String workerId = WorkerIds.forName(name);
        startBeating(workerId, name);
        ResponseEntity<Map> registered = http.postForEntity("/api/v1/workers", Map.of("name", name,
                "hardwareId", "hw-" + name, "slots", 2, "maxQueue", 0, "taskTypes", List.of("noop")), Map.class);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(registered.getBody()).containsEntry("workerId", workerId);

        // then its heartbeats reach the liveness monitor, which makes it WORKING
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(workerId, WorkerStateChanged.class))
                .anySatisfy(change -> assertThat(change.to()).isEqualTo(WorkerState.WORKING)));

        // when a task is submitted
        ResponseEntity<Map> created = http.postForEntity("/api/v1/tasks", Map.of("type", "noop"), Map.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String taskId = (String) created.getBody().get("taskId");

        // then the dispatcher assigns it to the worker (WORKING still takes work while it has room)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(taskId, TaskAssigned.class))
                .singleElement().satisfies(assigned -> {
                    assertThat(assigned.workerId()).isEqualTo(workerId);
                    assertThat(assigned.attempt()).isEqualTo(1);
                }));

        // and when its heartbeats stop
        heart.shutdownNow();

        // then the liveness monitor marks it DOWN and the dispatcher re-queues its task
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(workerId, WorkerStateChanged.class))
                .anySatisfy(change -> {
                    assertThat(change.to()).isEqualTo(WorkerState.DOWN);
                    assertThat(change.reason()).startsWith("missed");
                }));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(payloads(taskId, TaskRequeued.class))
                .singleElement().satisfies(requeued -> {
                    assertThat(requeued.fromWorkerId()).isEqualTo(workerId);
                    assertThat(requeued.attempt()).isEqualTo(1);
                    assertThat(requeued.reason()).isEqualTo("worker down");
                }));
    }

    private void startBeating(String workerId, String name) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafkaBootstrap()),
                new StringSerializer(), new StringSerializer());
        heart.scheduleAtFixedRate(() -> {
            try {
                String beat = json.writeValueAsString(new Heartbeat(workerId, name, 2, 2, Instant.now()));
                producer.send(new ProducerRecord<>(Topics.WORKER_LIVENESS, workerId, beat));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    private <T> List<T> payloads(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId).asStream().map(Message::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
