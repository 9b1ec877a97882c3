package io.aviary.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.task.TaskIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request body with a field the API does not know (a misspelling, usually) is refused with a 400 problem naming
 * the field and where it is, before any command is sent: {@code priorty} must not silently become priority 0.
 * Free-form values (a task's payload) still take any key.
 */
class StrictRequestBodiesIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    private final String type = "it-strict-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void a_misspelt_field_is_a_400_naming_it_and_creates_nothing() {
        // given a task whose priority is misspelt
        String key = "it-strict-" + UUID.randomUUID();

        // when it is submitted
        ResponseEntity<JsonNode> answer = api().post("/api/v1/tasks",
                Map.of("type", type, "idempotencyKey", key, "priorty", 5), api().adminToken());

        // then it is refused naming the field, and no task exists
        assertUnknownField(answer, "priorty");
        assertNoTask(key);
    }

    @Test
    void an_unknown_field_in_a_batch_item_names_its_path_and_creates_none_of_the_batch() {
        // given a batch whose second task has a field tasks do not have
        String first = "it-strict-" + UUID.randomUUID();
        String second = "it-strict-" + UUID.randomUUID();
        List<Map<String, Object>> tasks = List.of(
                Map.of("type", type, "idempotencyKey", first),
                Map.of("type", type, "idempotencyKey", second, "bogus", true));

        // when the batch is submitted
        ResponseEntity<JsonNode> answer = api().post("/api/v1/tasks:batch", Map.of("tasks", tasks),
                api().adminToken());

        // then the whole batch is refused naming the item's field, and neither task exists
        assertUnknownField(answer, "tasks[1].bogus");
        assertNoTask(first);
        assertNoTask(second);
    }

    @Test
    void the_same_bodies_spelt_right_are_accepted_and_a_payload_still_takes_any_key() {
        // given a task and a batch with known fields only, the payloads with keys of their own
        String single = "it-strict-" + UUID.randomUUID();
        String batched = "it-strict-" + UUID.randomUUID();

        // when they are submitted
        ResponseEntity<JsonNode> created = api().post("/api/v1/tasks", Map.of("type", type,
                "idempotencyKey", single, "priority", 5, "payload", Map.of("priorty", 5)), api().adminToken());
        ResponseEntity<JsonNode> batch = api().post("/api/v1/tasks:batch", Map.of("tasks", List.of(
                        Map.of("type", type, "idempotencyKey", batched, "payload", Map.of("bogus", true)))),
                api().adminToken());

        // then both are created
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(created.getBody().get("taskId").asText()).isEqualTo(TaskIds.newTaskId(single));
        assertThat(batch.getStatusCode()).as("%s", batch.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(batch.getBody().get("accepted").asInt()).isEqualTo(1);
        assertThat(batch.getBody().get("results").get(0).get("taskId").asText())
                .isEqualTo(TaskIds.newTaskId(batched));
    }

    private static void assertUnknownField(ResponseEntity<JsonNode> answer, String field) {
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = answer.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asText()).isEqualTo("Unknown field '" + field + "' in the request body");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("message").asText()).isEqualTo("unknown field");
    }

    private void assertNoTask(String idempotencyKey) {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateIdentifier = ?",
                Integer.class, TaskIds.newTaskId(idempotencyKey))).as("events of the refused task").isZero();
    }
}
