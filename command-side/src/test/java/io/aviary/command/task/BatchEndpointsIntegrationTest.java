package io.aviary.command.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.Heartbeats;
import io.aviary.command.support.TestApi;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskStarted;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /api/v1/tasks:batch} and {@code POST /api/v1/tasks/reports:batch} on the real stack: each item is
 * answered as its own request would be, a refused item changes nothing, the accepted ones are stored.
 */
class BatchEndpointsIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private EventStore eventStore;

    private final String type = "batch-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void a_batch_of_tasks_creates_the_valid_ones_and_answers_each() {
        // given three tasks, the second without a type, the third repeating the first's idempotency key
        String key = "key-" + UUID.randomUUID();
        List<Map<String, Object>> tasks = List.of(
                Map.of("type", type, "idempotencyKey", key, "payload", Map.of("n", 1)),
                Map.of("payload", Map.of("n", 2)),
                Map.of("type", type, "idempotencyKey", key));

        // when they are submitted in one batch
        ResponseEntity<JsonNode> answer = api().post("/api/v1/tasks:batch", Map.of("tasks", tasks),
                api().adminToken());

        // then the first is created, the second is refused naming its field, the third answers the first's id
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode results = answer.getBody().get("results");
        assertThat(answer.getBody().get("accepted").asInt()).isEqualTo(2);
        assertThat(answer.getBody().get("refused").asInt()).isEqualTo(1);
        assertThat(results.get(0).get("status").asInt()).isEqualTo(202);
        assertThat(results.get(1).get("status").asInt()).isEqualTo(400);
        assertThat(results.get(1).get("errors").get(0).get("field").asText()).isEqualTo("type");
        assertThat(results.get(1).has("taskId")).isFalse();
        String taskId = results.get(0).get("taskId").asText();
        assertThat(results.get(2).get("taskId").asText()).isEqualTo(taskId);
        assertThat(payloads(taskId, TaskCreated.class)).singleElement()
                .satisfies(created -> assertThat(created.payload()).containsEntry("n", 1));
    }

    @Test
    void a_batch_of_a_thousand_tasks_is_one_request_and_more_is_refused() {
        // given 1,000 tasks, and 1,001
        List<Map<String, Object>> thousand = IntStream.range(0, 1_000)
                .mapToObj(i -> Map.<String, Object>of("type", type)).toList();
        List<Map<String, Object>> tooMany = new ArrayList<>(thousand);
        tooMany.add(Map.of("type", type));

        // when both are submitted
        ResponseEntity<JsonNode> taken = api().post("/api/v1/tasks:batch", Map.of("tasks", thousand),
                api().adminToken());
        ResponseEntity<JsonNode> refused = api().post("/api/v1/tasks:batch", Map.of("tasks", tooMany),
                api().adminToken());

        // then the thousand are created with distinct ids, and the larger batch is refused whole
        assertThat(taken.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(taken.getBody().get("accepted").asInt()).isEqualTo(1_000);
        List<String> ids = new ArrayList<>();
        taken.getBody().get("results").forEach(result -> ids.add(result.get("taskId").asText()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(1_000);
        assertThat(payloads(ids.get(999), TaskCreated.class)).hasSize(1);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().toString()).contains("tasks");
    }

    @Test
    void an_agent_reports_starts_and_completions_of_several_attempts_in_one_request() {
        // given an agent whose worker was assigned two tasks
        TestApi api = api();
        TestApi.Agent agent = api.enrolAgent();
        try (Heartbeats heartbeats = new Heartbeats().beat(agent)) {
            assertThat(api.registerWorker(agent, type).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String first = submit();
            String second = submit();
            await().atMost(Duration.ofSeconds(30)).until(() -> !payloads(first, TaskAssigned.class).isEmpty()
                    && !payloads(second, TaskAssigned.class).isEmpty());

            // when it reports: the first starts and ends, the second starts, a stale completion, another's worker
            List<Map<String, Object>> reports = List.of(
                    report(first, agent.workerId(), 1, "START", null),
                    report(first, agent.workerId(), 1, "COMPLETE", "SUCCESS"),
                    report(second, agent.workerId(), 1, "START", null),
                    report(second, agent.workerId(), 7, "COMPLETE", "FAILURE"),
                    report(second, "someone-else", 1, "COMPLETE", "SUCCESS"));
            ResponseEntity<JsonNode> answer = api.post("/api/v1/tasks/reports:batch", Map.of("reports", reports),
                    agent.headers());

            // then each report has the answer its own request would have had, and only the taken ones are stored
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            List<Integer> statuses = new ArrayList<>();
            answer.getBody().get("results").forEach(result -> statuses.add(result.get("status").asInt()));
            assertThat(statuses).containsExactly(202, 202, 202, 409, 403);
            assertThat(payloads(first, TaskStarted.class)).hasSize(1);
            assertThat(payloads(first, TaskCompleted.class)).singleElement()
                    .satisfies(completed -> assertThat(completed.outcome()).isEqualTo(Outcome.SUCCESS));
            assertThat(payloads(second, TaskStarted.class)).hasSize(1);
            assertThat(payloads(second, TaskCompleted.class)).isEmpty();
        }
    }

    @Test
    void a_completion_without_an_outcome_refuses_the_whole_batch() {
        // given an agent
        TestApi.Agent agent = api().enrolAgent();

        // when one of its reports ends an attempt without saying how
        ResponseEntity<JsonNode> answer = api().post("/api/v1/tasks/reports:batch", Map.of("reports", List.of(
                report(UUID.randomUUID().toString(), agent.workerId(), 1, "COMPLETE", null))), agent.headers());

        // then the request is invalid, naming the report
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().toString()).contains("reports[0]");
    }

    private String submit() {
        return api().post("/api/v1/tasks", Map.of("type", type), api().adminToken()).getBody().get("taskId")
                .asText();
    }

    private static Map<String, Object> report(String taskId, String workerId, int attempt, String kind,
                                              String outcome) {
        Map<String, Object> report = new HashMap<>(Map.of("taskId", taskId, "workerId", workerId,
                "attempt", attempt, "kind", kind));
        if (outcome != null) {
            report.put("outcome", outcome);
        }
        return report;
    }

    private <T> List<T> payloads(String aggregateId, Class<T> payloadType) {
        return eventStore.readEvents(aggregateId).asStream().map(Message::getPayload)
                .filter(payloadType::isInstance).map(payloadType::cast).toList();
    }
}
