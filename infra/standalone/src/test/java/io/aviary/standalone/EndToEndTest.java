package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.aviary.events.EventCatalog;
import io.aviary.events.Topics;
import io.aviary.infra.EmbeddedStack;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole platform on the embedded stack, every app a real child process, authentication on: 50 tasks of mixed
 * types (with retries and dead letters), one agent killed mid-run and restarted.
 */
class EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void fiftyMixedTasksReachTheirFinalStateEvenWhenAnAgentIsKilled() {
        // given two agents and 50 tasks: quick ones, slow ones, ones that fail once, ones that always fail
        Map<String, String> expectedStatus = new LinkedHashMap<>();
        List<String> slowTasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String taskId;
            if (i % 5 == 0) {
                taskId = submit(Map.of("type", "sleep", "payload", Map.of("millis", 4000), "timeoutMs", 30000));
                slowTasks.add(taskId);
                expectedStatus.put(taskId, "COMPLETED");
            } else if (i % 5 == 1) {
                taskId = submit(Map.of("type", "fail", "payload", Map.of("times", 1), "maxAttempts", 3));
                expectedStatus.put(taskId, "COMPLETED");
            } else if (i % 10 == 2) {
                taskId = submit(Map.of("type", "fail", "payload", Map.of("times", 100), "maxAttempts", 2));
                expectedStatus.put(taskId, "DEAD_LETTERED");
            } else {
                taskId = submit(Map.of("type", i % 2 == 0 ? "noop" : "sleep",
                        "payload", Map.of("millis", 50)));
                expectedStatus.put(taskId, "COMPLETED");
            }
        }
        Platform platform = TestPlatform.get();
        String firstAgentId = TestPlatform.workerId(Platform.agentName(1));

        // when agent 1 is killed while it runs a slow task
        String interrupted = await().atMost(Duration.ofSeconds(60)).until(
                () -> slowTasks.stream().filter(id -> isRunningOn(id, firstAgentId)).findFirst().orElse(null),
                id -> id != null);
        platform.agent(1).kill();

        // then every task reaches its final state in the read models
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (Map.Entry<String, String> expected : expectedStatus.entrySet()) {
                assertThat(task(expected.getKey()).path("status").asText())
                        .as("status of task %s", expected.getKey()).isEqualTo(expected.getValue());
            }
        });
        // and the task that was running on the killed agent finished on another one
        JsonNode rescued = task(interrupted);
        assertThat(rescued.path("workerId").asText()).as("worker of %s", rescued).isNotEqualTo(firstAgentId);
        assertThat(rescued.path("attempt").asInt()).isGreaterThan(1);
        assertThat(timelineEvents(rescued)).contains("TaskRequeued");
        // and the tasks that fail on their first attempt completed on a later one (after a retry, or after a
        // re-queue when the first attempt was on the killed agent: ADR 8)
        List<JsonNode> failOnce = expectedStatus.keySet().stream().map(EndToEndTest::task)
                .filter(t -> t.path("type").asText().equals("fail") && t.path("status").asText().equals("COMPLETED"))
                .toList();
        assertThat(failOnce).hasSize(10).allSatisfy(t -> assertThat(t.path("attempt").asInt()).isGreaterThan(1));
        assertThat(failOnce).anySatisfy(t -> assertThat(timelineEvents(t)).contains("TaskRetryScheduled"));
        // and the killed agent is DOWN
        assertThat(TestPlatform.workerState(firstAgentId)).isEqualTo("DOWN");
        // and every event on Kafka is a CloudEvent whose data validates against its JSON Schema
        assertEveryEventOnKafkaValidates();

        // when the killed agent is started again (no enrolment token is needed: it kept its credentials)
        platform.agent(1).start();

        // then it comes back as the same worker and takes work again
        await().atMost(Duration.ofSeconds(60)).untilAsserted(
                () -> assertThat(TestPlatform.workerState(firstAgentId)).isEqualTo("AVAILABLE"));
        assertThat(TestPlatform.workerId(Platform.agentName(1))).isEqualTo(firstAgentId);
    }

    private static void assertEveryEventOnKafkaValidates() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-schema-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        Map<String, JsonSchema> schemas = new HashMap<>();
        Map<String, Integer> seenTypes = new HashMap<>();
        int checked = 0;
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.EVENTS));
            int emptyPolls = 0;
            while (emptyPolls < 3) {
                var records = consumer.poll(Duration.ofSeconds(2));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                for (ConsumerRecord<String, byte[]> record : records) {
                    String type = header(record, "ce_type");
                    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
                    assertThat(header(record, "ce_subject")).isEqualTo(record.key());
                    EventCatalog.EventType eventType = EventCatalog.byCloudEventType(type)
                            .orElseThrow(() -> new AssertionError("unknown ce_type " + type));
                    JsonSchema schema = schemas.computeIfAbsent(eventType.schemaResource(),
                            resource -> loadSchema(factory, resource));
                    assertThat(schema.validate(readTree(record.value())))
                            .as("%s at offset %d", type, record.offset()).isEmpty();
                    seenTypes.merge(eventType.eventClass().getSimpleName(), 1, Integer::sum);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(50 * 4);
        assertThat(seenTypes).containsKeys("WorkerRegistered", "TaskCreated", "TaskAssigned", "TaskStarted",
                "TaskCompleted", "TaskRetryScheduled", "TaskDeadLettered", "TaskRequeued", "WorkerStateChanged");
    }

    private static String submit(Map<String, Object> task) {
        return TestPlatform.post(TestPlatform.get().commandUrl() + "/api/v1/tasks", task).path("taskId").asText();
    }

    private static boolean isRunningOn(String taskId, String workerId) {
        JsonNode task = task(taskId);
        return task.path("status").asText().equals("RUNNING") && task.path("workerId").asText().equals(workerId);
    }

    private static JsonNode task(String taskId) {
        return TestPlatform.task(taskId);
    }

    private static List<String> timelineEvents(JsonNode task) {
        List<String> events = new ArrayList<>();
        task.path("timeline").forEach(entry -> events.add(entry.path("event").asText()));
        return events;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode readTree(byte[] data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema loadSchema(JsonSchemaFactory factory, String resource) {
        try (InputStream in = EventCatalog.class.getResourceAsStream(resource)) {
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
