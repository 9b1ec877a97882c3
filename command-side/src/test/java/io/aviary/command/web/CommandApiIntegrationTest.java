package io.aviary.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.TestApi;
import io.aviary.command.task.TaskIds;
import io.aviary.events.EventCatalog;
import io.aviary.events.EventCatalog.EventType;
import io.aviary.events.Topics;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The command API end to end on the embedded servers: HTTP in, event store, CloudEvents out on Kafka. Tasks use a
 * type no worker runs, so the dispatcher (if present) leaves them alone.
 */
class CommandApiIntegrationTest extends CommandSideIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private JdbcTemplate jdbc;

    private KafkaConsumer<String, byte[]> consumer;
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void openConsumer() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    @AfterEach
    void closeConsumer() {
        consumer.close();
    }

    @Test
    void registeredWorkersAndSubmittedTasksArePublishedAsCloudEvents() throws IOException {
        // given a worker and a task submitted over HTTP
        String name = "it-agent-" + suffix;
        ResponseEntity<JsonNode> registered = post("/api/v1/workers", worker(name, "hw-" + suffix, 2));
        ResponseEntity<JsonNode> reRegistered = post("/api/v1/workers", worker(name, "hw-" + suffix, 3));
        String key = "it-key-" + suffix;
        ResponseEntity<JsonNode> created = post("/api/v1/tasks", task(key));
        ResponseEntity<JsonNode> repeated = post("/api/v1/tasks", task(key));
        String taskId = created.getBody().get("taskId").asText();
        ResponseEntity<JsonNode> cancelled = post("/api/v1/tasks/" + taskId + "/cancel", Map.of("reason", "test"));

        // then the API accepted each command and answered the ids with their query-side location
        String workerId = WorkerIds.forName(name);
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(registered.getBody().get("workerId").asText()).isEqualTo(workerId);
        assertThat(registered.getHeaders().getLocation())
                .isEqualTo(URI.create("http://localhost:8081/api/v1/workers/" + workerId));
        assertThat(reRegistered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(reRegistered.getBody().get("workerId").asText()).isEqualTo(workerId);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(taskId).isEqualTo(TaskIds.newTaskId(key));
        assertThat(created.getHeaders().getLocation())
                .isEqualTo(URI.create("http://localhost:8081/api/v1/tasks/" + taskId));
        assertThat(repeated.getBody().get("taskId").asText()).isEqualTo(taskId);
        assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        // and the events reach Kafka, per aggregate in order, in the CloudEvents wire format
        Map<String, List<ConsumerRecord<String, byte[]>>> byAggregate = awaitRecords(Map.of(workerId, 2, taskId, 2));
        List<ConsumerRecord<String, byte[]>> workerRecords = byAggregate.get(workerId);
        List<ConsumerRecord<String, byte[]>> taskRecords = byAggregate.get(taskId);
        assertThat(workerRecords).extracting(record -> header(record, "ce_type")).startsWith(
                "io.aviary.worker.WorkerRegistered.v1", "io.aviary.worker.WorkerCapacityChanged.v1");
        assertThat(taskRecords).extracting(record -> header(record, "ce_type")).containsExactly(
                "io.aviary.task.TaskCreated.v2", "io.aviary.task.TaskCancelled.v1");
        for (List<ConsumerRecord<String, byte[]>> records : List.of(workerRecords, taskRecords)) {
            assertThat(records).extracting(record -> header(record, "ce_aviaryseq"))
                    .containsExactlyElementsOf(sequence(records.size()));
            for (ConsumerRecord<String, byte[]> record : records) {
                assertIsWireFormat(record);
            }
        }
        JsonNode taskCreated = JSON.readTree(taskRecords.get(0).value());
        assertThat(taskCreated.get("assignmentFee").asInt()).isBetween(10, 20);
        assertThat(taskCreated.get("completionReward").asInt()).isBetween(20, 40);
        assertThat(taskCreated.get("idempotencyKey").asText()).isEqualTo(key);
        assertThat(JSON.readTree(workerRecords.get(1).value()).get("slots").asInt()).isEqualTo(3);
    }

    @Test
    void aNameFromOtherHardwareIsAConflictAndChangesNothing() {
        // given a registered worker
        String name = "it-bound-" + suffix;
        post("/api/v1/workers", worker(name, "hw-" + suffix, 1));
        int eventsBefore = storedEvents(WorkerIds.forName(name));

        // when the same name registers from other hardware
        ResponseEntity<JsonNode> answer = post("/api/v1/workers", worker(name, "hw-intruder", 1));

        // then it is a 409 problem and the worker's stream is unchanged
        assertIsProblem(answer, HttpStatus.CONFLICT);
        assertThat(answer.getBody().get("detail").asText()).contains("bound to another hardware id");
        assertThat(storedEvents(WorkerIds.forName(name))).isEqualTo(eventsBefore).isEqualTo(1);
    }

    @Test
    void malformedJsonIsABadRequestAndChangesNothing() {
        int registrationsBefore = storedEventsOfType("WorkerRegistered");

        ResponseEntity<JsonNode> answer = http.exchange("/api/v1/workers", HttpMethod.POST,
                new HttpEntity<>("{\"name\": \"it-broken\", \"slots\": ", jsonHeaders()), JsonNode.class);

        assertIsProblem(answer, HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("detail").asText()).contains("not well-formed JSON");
        assertThat(storedEventsOfType("WorkerRegistered")).isEqualTo(registrationsBefore);
    }

    @Test
    void invalidFieldsAreNamedInTheProblem() {
        String key = "it-invalid-" + suffix;
        Map<String, Object> body = new HashMap<>(task(key));
        body.put("maxAttempts", 0);
        body.put("type", " ");

        ResponseEntity<JsonNode> answer = post("/api/v1/tasks", body);

        assertIsProblem(answer, HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").findValuesAsText("field")).containsExactly("maxAttempts", "type");
        assertThat(answer.getBody().get("detail").asText()).contains("maxAttempts", "type");
        assertThat(storedEvents(TaskIds.newTaskId(key))).isZero();
    }

    @Test
    void aBadEnumValueIsABadRequestNamingTheField() {
        TestApi.Agent agent = api().enrolAgent();

        ResponseEntity<JsonNode> answer = api().post("/api/v1/tasks/" + UUID.randomUUID() + "/complete",
                Map.of("workerId", agent.workerId(), "attempt", 1, "outcome", "MAYBE"), agent.headers());

        assertIsProblem(answer, HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("detail").asText()).isEqualTo("Invalid value 'MAYBE' for field 'outcome'");
    }

    @Test
    void anUnknownTaskIsNotFound() {
        String unknown = UUID.randomUUID().toString();

        ResponseEntity<JsonNode> answer = post("/api/v1/tasks/" + unknown + "/cancel", Map.of());

        assertIsProblem(answer, HttpStatus.NOT_FOUND);
        assertThat(answer.getBody().get("detail").asText()).isEqualTo("No task with id " + unknown);
        assertThat(storedEvents(unknown)).isZero();
    }

    @Test
    void aStaleReportIsAConflict() {
        String taskId = post("/api/v1/tasks", task("it-stale-" + suffix)).getBody().get("taskId").asText();
        TestApi.Agent agent = api().enrolAgent();

        ResponseEntity<JsonNode> answer = api().post("/api/v1/tasks/" + taskId + "/start",
                Map.of("workerId", agent.workerId(), "attempt", 1), agent.headers());

        assertIsProblem(answer, HttpStatus.CONFLICT);
        assertThat(storedEvents(taskId)).isEqualTo(1);
    }

    @Test
    void anOperatorStateOutsideTheirChoiceIsABadRequest() {
        String workerId = post("/api/v1/workers", worker("it-op-" + suffix, "hw-" + suffix, 1)).getBody()
                .get("workerId").asText();

        ResponseEntity<JsonNode> answer = http.exchange("/api/v1/workers/" + workerId + "/state", HttpMethod.PUT,
                new HttpEntity<>(Map.of("state", "DOWN"), jsonHeaders()), JsonNode.class);

        assertIsProblem(answer, HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").findValuesAsText("field")).containsExactly("state");
    }

    @Test
    void twoConcurrentCreatesWithOneIdempotencyKeyAnswerOneTask() {
        String key = "it-race-" + suffix;

        CompletableFuture<ResponseEntity<JsonNode>> first = CompletableFuture.supplyAsync(() -> post("/api/v1/tasks",
                task(key)));
        CompletableFuture<ResponseEntity<JsonNode>> second = CompletableFuture.supplyAsync(() -> post("/api/v1/tasks",
                task(key)));

        String expected = TaskIds.newTaskId(key);
        for (ResponseEntity<JsonNode> answer : List.of(first.join(), second.join())) {
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(answer.getBody().get("taskId").asText()).isEqualTo(expected);
        }
        assertThat(storedEvents(expected)).isEqualTo(1);
    }

    @Test
    void readinessIsUpWhenPostgresAndKafkaAnswer() {
        ResponseEntity<JsonNode> readiness = http.getForEntity("/actuator/health/readiness", JsonNode.class);
        ResponseEntity<JsonNode> liveness = http.getForEntity("/actuator/health/liveness", JsonNode.class);
        ResponseEntity<String> metrics = http.getForEntity("/actuator/prometheus", String.class);
        ResponseEntity<JsonNode> openApi = http.getForEntity("/v3/api-docs", JsonNode.class);

        assertThat(readiness.getBody().get("status").asText()).isEqualTo("UP");
        assertThat(liveness.getBody().get("status").asText()).isEqualTo("UP");
        assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
        assertThat(openApi.getBody().get("paths").has("/api/v1/tasks/{taskId}/complete")).isTrue();
    }

    private Map<String, List<ConsumerRecord<String, byte[]>>> awaitRecords(Map<String, Integer> wanted) {
        Map<String, List<ConsumerRecord<String, byte[]>>> byAggregate = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (wanted.containsKey(record.key())) {
                    byAggregate.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
                }
            }
            return wanted.entrySet().stream().allMatch(entry ->
                    byAggregate.getOrDefault(entry.getKey(), List.of()).size() >= entry.getValue());
        });
        return byAggregate;
    }

    private void assertIsWireFormat(ConsumerRecord<String, byte[]> record) throws IOException {
        EventType type = EventCatalog.byCloudEventType(header(record, "ce_type")).orElseThrow();
        long sequence = Long.parseLong(header(record, "ce_aviaryseq"));
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_source")).isEqualTo("/aviary/command-side");
        assertThat(header(record, "ce_subject")).isEqualTo(record.key());
        assertThat(header(record, "ce_aviaryaggregate")).isEqualTo(type.aggregate());
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(header(record, "ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(header(record, "ce_id")).isEqualTo(jdbc.queryForObject(
                "SELECT eventIdentifier FROM domainevententry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                String.class, record.key(), sequence));
        JsonNode data = JSON.readTree(record.value());
        try (InputStream schema = EventCatalog.class.getResourceAsStream(type.schemaResource())) {
            JsonSchema jsonSchema = SCHEMAS.getSchema(schema);
            assertThat(jsonSchema.validate(data)).as("%s against its schema", type.cloudEventType()).isEmpty();
        }
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, jsonHeaders()), JsonNode.class);
    }

    /** JSON as the admin (every command needs a token since issue 3). */
    private HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(api().adminToken());
        return headers;
    }

    private static void assertIsProblem(ResponseEntity<JsonNode> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(answer.getBody().get("title").asText()).isNotBlank();
        assertThat(answer.getBody().toString()).doesNotContain("Exception", "io.aviary", "at org.");
    }

    private static Map<String, Object> worker(String name, String hardwareId, int slots) {
        return Map.of("name", name, "hardwareId", hardwareId, "slots", slots, "maxQueue", 4,
                "taskTypes", List.of("noop"), "labels", Map.of("zone", "it"));
    }

    private Map<String, Object> task(String idempotencyKey) {
        return Map.of("type", "it-unroutable-" + suffix, "payload", Map.of("n", 1), "idempotencyKey", idempotencyKey);
    }

    private int storedEvents(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateIdentifier = ?",
                Integer.class, aggregateId);
    }

    private int storedEventsOfType(String simpleName) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadType LIKE ?", Integer.class,
                "%." + simpleName);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> sequence(int size) {
        List<String> sequence = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            sequence.add(Integer.toString(i));
        }
        return sequence;
    }
}
