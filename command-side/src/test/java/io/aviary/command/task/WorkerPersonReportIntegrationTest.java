package io.aviary.command.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerRegistered;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A WORKER person completes their own task with just the outcome: the worker comes from their token and the attempt
 * defaults to the current one. They cannot complete someone else's.
 */
class WorkerPersonReportIntegrationTest extends CommandSideIntegrationTest {

    private static final String PASSWORD = "person-password-0123";

    @Autowired
    private EventStore eventStore;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void a_worker_person_completes_their_task_without_naming_worker_or_attempt_and_nobody_else_can() {
        // given a WORKER person whose worker holds a task (a task type of this test only)
        String alice = "it-alice-" + suffix;
        String aliceId = api().createUser(alice, PASSWORD, "WORKER");
        String bob = "it-bob-" + suffix;
        api().createUser(bob, PASSWORD, "WORKER");
        String taskType = "it-manual-" + suffix;
        String aliceWorker = personWorker(alice, aliceId, taskType);
        String taskId = api().post("/api/v1/tasks", Map.of("type", taskType), api().adminToken()).getBody()
                .get("taskId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !payloads(taskId, TaskAssigned.class).isEmpty());
        String aliceToken = api().login(alice, PASSWORD).get("accessToken").asText();
        String bobToken = api().login(bob, PASSWORD).get("accessToken").asText();

        // when bob tries to complete it, without or with alice's worker id
        ResponseEntity<JsonNode> bobsOwn = complete(taskId, Map.of("outcome", "SUCCESS"), bobToken);
        ResponseEntity<JsonNode> bobAsAlice = complete(taskId, Map.of("outcome", "SUCCESS",
                "workerId", aliceWorker), bobToken);

        // then it is stale (not bob's attempt) or forbidden (not bob's worker), and nothing changed
        assertThat(bobsOwn.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(bobAsAlice.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(payloads(taskId, TaskCompleted.class)).isEmpty();

        // when alice completes it with just the outcome
        ResponseEntity<JsonNode> done = complete(taskId, Map.of("outcome", "SUCCESS", "message", "done by hand"),
                aliceToken);

        // then her current attempt is completed
        assertThat(done.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(payloads(taskId, TaskCompleted.class)).singleElement().satisfies(completed -> {
            assertThat(completed.workerId()).isEqualTo(aliceWorker);
            assertThat(completed.attempt()).isEqualTo(1);
            assertThat(completed.outcome()).isEqualTo(Outcome.SUCCESS);
        });
    }

    @Test
    void an_agent_must_name_worker_and_attempt() {
        var agent = api().enrolAgent();

        ResponseEntity<JsonNode> answer = complete(UUID.randomUUID().toString(), Map.of("outcome", "SUCCESS"),
                agent.headers());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    /**
     * The person's worker, running {@code taskType} besides the person task types: the person-worker process
     * registers it when the user is created; the admin then re-registers it (same hardware) with the extra type.
     */
    private String personWorker(String username, String userId, String taskType) {
        String workerId = WorkerIds.forName(username);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !payloads(workerId, WorkerRegistered.class).isEmpty());
        } catch (ConditionTimeoutException notRegisteredByTheProcess) {
            // registered below in any case
        }
        ResponseEntity<JsonNode> registered = api().post("/api/v1/workers", Map.of("name", username,
                "hardwareId", "person:" + userId, "slots", 1, "maxQueue", 10,
                "taskTypes", List.of("manual", taskType), "labels", Map.of("kind", "person")), api().adminToken());
        assertThat(registered.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return workerId;
    }

    private ResponseEntity<JsonNode> complete(String taskId, Map<String, Object> body, String token) {
        return api().post("/api/v1/tasks/" + taskId + "/complete", body, token);
    }

    private ResponseEntity<JsonNode> complete(String taskId, Map<String, Object> body,
                                              HttpHeaders headers) {
        return api().post("/api/v1/tasks/" + taskId + "/complete", body, headers);
    }

    private <T> List<T> payloads(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId).asStream().map(Message::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }
}
