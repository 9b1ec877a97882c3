package io.aviary.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;
import io.aviary.infra.EmbeddedStack;
import io.aviary.query.security.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/v1/stream} against the real embedded Kafka broker: events written to {@code aviary.events} as the
 * command side writes them (binary-mode CloudEvents) reach connected clients as notifications, filtered by who is
 * asking.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveStreamTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();
    private static final TestIdentityProvider IDP = TestIdentityProvider.shared();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WENDY = WorkerIds.forName("wendy");
    private static final String OTHER = WorkerIds.forName("stream-other-worker");
    private static EventWriter events;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> stack.newDatabaseName("live_stream"));
        registry.add("aviary.dashboard.stream.bootstrap-servers", stack::kafkaBootstrap);
        registry.add("aviary.dashboard.stream.heartbeat", () -> "300ms");
        IDP.register(registry);
    }

    @BeforeAll
    static void writer() {
        events = new EventWriter(stack.kafkaBootstrap());
    }

    @AfterAll
    static void closeWriter() {
        events.close();
    }

    @Test
    void a_manager_watches_a_task_run_from_creation_to_completion() throws Exception {
        // given a manager connected to the stream, and the stream live
        try (SseConnection manager = connect(IDP.forRoles("MANAGER"))) {
            assertThat(manager.status()).isEqualTo(200);
            assertThat(manager.contentType()).startsWith("text/event-stream");
            await().atMost(WAIT).until(manager::isReady);

            // when a task is created, assigned, started and completed
            String task = UUID.randomUUID().toString();
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            events.write(new TaskCreated(task, "sleep", Map.of("millis", 10), 0, Map.of(), 3, 60000, null, 12, 30,
                    t0), t0);
            events.write(new TaskAssigned(task, "sleep", 1, OTHER, Map.of(), 60000, t0.plusMillis(1)),
                    t0.plusMillis(1));
            events.write(new TaskStarted(task, "sleep", 1, OTHER, t0.plusMillis(2)), t0.plusMillis(2));
            events.write(new TaskCompleted(task, "sleep", 1, OTHER, Outcome.SUCCESS, Map.of(), "done",
                    t0.plusMillis(3)), t0.plusMillis(3));

            // then the manager is told each step, in order, with the status it leads to
            await().atMost(WAIT).until(() -> about(manager, task).size() == 4);
            List<JsonNode> steps = about(manager, task);
            assertThat(steps).extracting(n -> n.get("type").asText())
                    .containsExactly("TaskCreated", "TaskAssigned", "TaskStarted", "TaskCompleted");
            assertThat(steps).extracting(n -> n.get("status").asText())
                    .containsExactly("QUEUED", "ASSIGNED", "RUNNING", "COMPLETED");
            assertThat(steps.get(0).get("aggregate").asText()).isEqualTo("task");
            assertThat(steps.get(0).has("workerId")).isFalse();
            assertThat(steps.get(1).get("workerId").asText()).isEqualTo(OTHER);
            assertThat(steps.get(3).get("outcome").asText()).isEqualTo("SUCCESS");
            assertThat(Instant.parse(steps.get(3).get("at").asText())).isEqualTo(t0.plusMillis(3));
            // nothing of the payload or output travels on the stream
            assertThat(steps.get(0).has("payload")).isFalse();
        }
    }

    @Test
    void a_worker_sees_only_what_concerns_their_own_worker() throws Exception {
        try (SseConnection wendy = connect(IDP.forWorker("wendy"));
             SseConnection manager = connect(IDP.forRoles("ADMIN"))) {
            await().atMost(WAIT).until(() -> wendy.isReady() && manager.isReady());

            // when a task goes first to another worker and then moves to wendy (same key: one partition, in order)
            String task = UUID.randomUUID().toString();
            Instant now = Instant.now();
            events.write(new TaskCreated(task, "manual", Map.of(), 0, Map.of(), 1, 60000, null, 10, 20, now), now);
            events.write(new TaskAssigned(task, "manual", 1, OTHER, Map.of(), 60000, now), now);
            events.write(new TaskReassigned(task, "manual", 2, OTHER, WENDY, Map.of(), 60000, "shuffle", now), now);
            events.write(new WorkerStateChanged(OTHER, WorkerState.AVAILABLE, WorkerState.DRAINING, "maintenance",
                    now), now);

            // then wendy hears of the reassignment to her, and of nothing before it
            await().atMost(WAIT).until(() -> about(wendy, task).size() == 1);
            JsonNode moved = about(wendy, task).get(0);
            assertThat(moved.get("type").asText()).isEqualTo("TaskReassigned");
            assertThat(moved.get("workerId").asText()).isEqualTo(WENDY);
            assertThat(moved.get("fromWorkerId").asText()).isEqualTo(OTHER);
            // while the admin hears everything, including the other worker's state change
            await().atMost(WAIT).until(() -> about(manager, task).size() == 3 && !about(manager, OTHER).isEmpty());
            assertThat(about(manager, OTHER).get(0).get("status").asText()).isEqualTo("DRAINING");
            assertThat(about(wendy, OTHER)).isEmpty();
        }
    }

    @Test
    void records_that_are_not_readable_events_are_skipped() throws Exception {
        try (SseConnection manager = connect(IDP.forRoles("MANAGER"))) {
            await().atMost(WAIT).until(manager::isReady);
            String task = UUID.randomUUID().toString();

            // when an unknown event type and an unparsable one come before a good event of the same key
            events.writeRaw(task, "io.aviary.task.TaskTeleported.v1", "{\"taskId\":\"" + task + "\"}");
            events.writeRaw(task, "io.aviary.task.TaskStarted.v1", "not json");
            Instant now = Instant.now();
            events.write(new TaskCreated(task, "noop", Map.of(), 0, Map.of(), 1, 60000, null, 10, 20, now), now);

            // then the stream goes on, with only the good one
            await().atMost(WAIT).until(() -> !about(manager, task).isEmpty());
            assertThat(about(manager, task)).extracting(n -> n.get("type").asText()).containsExactly("TaskCreated");
            assertThat(manager.ended()).isFalse();
        }
    }

    @Test
    void an_idle_stream_gets_heartbeat_comments() throws Exception {
        try (SseConnection manager = connect(IDP.forRoles("MANAGER"))) {
            await().atMost(WAIT).until(() -> manager.comments().stream().anyMatch(c -> c.contains("keep-alive")));
        }
    }

    @Test
    void the_stream_ends_when_the_access_token_expires() throws Exception {
        // given a token that expires in 3 seconds
        String shortLived = IDP.sign(IDP.claims("short-lived-manager", "MANAGER")
                .expiration(Date.from(Instant.now().plusSeconds(3))));
        try (SseConnection manager = connect(shortLived)) {
            assertThat(manager.status()).isEqualTo(200);
            // then the server ends the stream, so the client reconnects with a fresh token
            await().atMost(WAIT).until(manager::ended);
        }
    }

    @Test
    void callers_without_a_token_or_the_role_or_the_stream_media_type_are_refused() throws Exception {
        try (SseConnection anonymous = connect(null);
             SseConnection accountant = connect(IDP.forRoles("ACCOUNTANT"))) {
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
            assertThat(accountant.status()).isEqualTo(403);
            assertThat(accountant.contentType()).isEqualTo("application/problem+json");
        }
        // a plain GET asking for JSON would wait forever on a stream: 406, saying what to ask for
        HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url()))
                        .header("Authorization", "Bearer " + IDP.forRoles("MANAGER"))
                        .header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(406);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private SseConnection connect(String token) throws Exception {
        return SseConnection.open(url(), token);
    }

    private String url() {
        return "http://localhost:" + port + "/api/v1/stream";
    }

    private static List<JsonNode> about(SseConnection connection, String aggregateId) {
        return connection.notifications().stream()
                .filter(n -> n.get("aggregateId").asText().equals(aggregateId))
                .toList();
    }
}
