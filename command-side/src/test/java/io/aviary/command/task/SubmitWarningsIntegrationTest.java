package io.aviary.command.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.dispatch.FleetView;
import io.aviary.command.support.Heartbeats;
import io.aviary.command.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A task no worker can take is still accepted, and the answer says why it will wait (issue 13). */
class SubmitWarningsIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private FleetView fleet;

    private final String type = "warn-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void a_task_of_a_type_no_worker_runs_is_accepted_with_a_warning_and_counted() {
        // given no worker runs the type; when a task of it is submitted
        int before = fleet.waitingWithoutWorker();
        ResponseEntity<JsonNode> answer = api().post("/api/v1/tasks", Map.of("type", type), api().adminToken());

        // then it is taken, the answer says why it will wait, and the dispatcher counts it
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getBody().path("warnings").get(0).asText())
                .isEqualTo("no AVAILABLE worker accepts type " + type + "; the task waits until one registers");
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.waitingWithoutWorker() > before);
    }

    @Test
    void labels_no_worker_carries_are_named_and_a_task_a_worker_can_take_has_no_warning() {
        // given an available worker of the type (without labels)
        TestApi api = api();
        TestApi.Agent agent = api.enrolAgent();
        try (Heartbeats heartbeats = new Heartbeats().beat(agent)) {
            assertThat(api.registerWorker(agent, type).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> fleet.whyNoWorkerCanTake(type, Map.of()).isEmpty());

            // when a task needing a label it lacks, and a plain one, are submitted
            ResponseEntity<JsonNode> labelled = api.post("/api/v1/tasks", Map.of("type", type,
                    "requiredLabels", Map.of("gpu", "a100")), api.adminToken());
            ResponseEntity<JsonNode> plain = api.post("/api/v1/tasks", Map.of("type", type), api.adminToken());

            // then the first names the labels, the second has nothing to say
            assertThat(labelled.getBody().path("warnings").get(0).asText())
                    .isEqualTo("no AVAILABLE worker of type " + type + " carries the labels {gpu=a100}; the task"
                            + " waits until one registers");
            assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(plain.getBody().has("warnings")).isFalse();
        }
    }
}
