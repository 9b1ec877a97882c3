package io.aviary.command.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.auth.OpaqueTokens;
import io.aviary.command.security.SecurityLog;
import io.aviary.command.security.TokenClaims;
import io.aviary.command.support.Heartbeats;
import io.aviary.command.support.TestApi.Agent;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.worker.WorkerIds;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Agents: one-time enrolment, tokens bound to the enrolled hardware, and an agent acting only for its own worker.
 * Every refusal changes nothing in the event store.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentEnrolmentIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventStore eventStore;

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void an_agent_enrols_with_a_one_time_token_and_registers_itself() {
        // given an enrolment token from an admin
        String enrolmentToken = api().enrolmentToken();
        String name = "it-enrol-" + suffix;

        // when an agent enrols with it
        ResponseEntity<JsonNode> enrolled = enrol(enrolmentToken, name, "hw-" + suffix);

        // then it gets its worker id, a secret and a token that registers it
        assertThat(enrolled.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = enrolled.getBody();
        assertThat(body.get("workerId").asText()).isEqualTo(WorkerIds.forName(name));
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        Agent agent = new Agent(name, body.get("workerId").asText(), "hw-" + suffix,
                body.get("agentSecret").asText(), body.get("accessToken").asText());
        assertThat(api().registerWorker(agent, "noop").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        // and secrets are stored only as hashes
        assertThat(jdbc.queryForObject("SELECT secret_hash FROM agent_credentials WHERE worker_id = ?",
                String.class, agent.workerId())).isEqualTo(OpaqueTokens.hash(agent.agentSecret()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrolment_tokens WHERE token_hash = ?", Integer.class,
                OpaqueTokens.hash(enrolmentToken))).isEqualTo(1);

        // when the spent enrolment token is used again
        ResponseEntity<JsonNode> again = enrol(enrolmentToken, "it-enrol-again-" + suffix, "hw-other-" + suffix);

        // then it is refused
        assertIsProblem(again, HttpStatus.UNAUTHORIZED);
    }

    @Test
    void an_expired_or_unknown_enrolment_token_is_refused() {
        ResponseEntity<JsonNode> created = api().post("/api/v1/agents/enrolment-tokens", Map.of("ttlMinutes", 1),
                api().adminToken());
        String token = created.getBody().get("token").asText();

        SECURITY_CLOCK.advance(Duration.ofMinutes(2));

        assertIsProblem(enrol(token, "it-late-" + suffix, "hw-" + suffix), HttpStatus.UNAUTHORIZED);
        assertIsProblem(enrol("made-up-token", "it-made-up-" + suffix, "hw-" + suffix), HttpStatus.UNAUTHORIZED);
    }

    @Test
    void a_token_bound_to_a_name_enrols_only_that_name_and_stays_unspent_otherwise() {
        String name = "it-bound-" + suffix;
        String token = api().post("/api/v1/agents/enrolment-tokens", Map.of("name", name), api().adminToken())
                .getBody().get("token").asText();

        assertIsProblem(enrol(token, "it-impostor-" + suffix, "hw-" + suffix), HttpStatus.FORBIDDEN);
        assertThat(enrol(token, name, "hw-" + suffix).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void agent_tokens_are_issued_only_for_the_right_secret_and_the_enrolled_hardware() {
        Agent agent = api().enrolAgent();

        ResponseEntity<JsonNode> token = agentToken(agent.workerId(), agent.agentSecret(), agent.hardwareId());
        ResponseEntity<JsonNode> otherHardware = agentToken(agent.workerId(), agent.agentSecret(), "hw-elsewhere");
        ResponseEntity<JsonNode> wrongSecret = agentToken(agent.workerId(), "guessed-secret", agent.hardwareId());

        assertThat(token.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(token.getBody().get("expiresIn").asLong()).isPositive();
        Agent refreshed = new Agent(agent.name(), agent.workerId(), agent.hardwareId(), agent.agentSecret(),
                token.getBody().get("accessToken").asText());
        assertThat(api().registerWorker(refreshed, "noop").getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertIsProblem(otherHardware, HttpStatus.FORBIDDEN);
        assertIsProblem(wrongSecret, HttpStatus.UNAUTHORIZED);
    }

    @Test
    void a_request_from_other_hardware_is_forbidden_logged_and_changes_nothing(CapturedOutput output) {
        // given an enrolled agent
        Agent agent = api().enrolAgent();

        // when its token is used with another hardware id header, or none
        HttpHeaders stolen = TestApiHeaders.withHardware(agent, "hw-thief");
        HttpHeaders bare = TestApiHeaders.withHardware(agent, null);
        ResponseEntity<JsonNode> fromElsewhere = api().post("/api/v1/workers", registration(agent), stolen);
        ResponseEntity<JsonNode> withoutHeader = api().post("/api/v1/workers", registration(agent), bare);

        // then both are forbidden, logged as security events, and the worker was never registered
        assertIsProblem(fromElsewhere, HttpStatus.FORBIDDEN);
        assertIsProblem(withoutHeader, HttpStatus.FORBIDDEN);
        assertThat(output.getOut()).containsPattern(SecurityLog.NAME.replace(".", "\\.")
                + ".*Agent request refused: POST /api/v1/workers by worker " + agent.workerId());
        assertThat(eventCount(agent.workerId())).isZero();
    }

    @Test
    void an_agent_registers_only_itself_and_only_with_its_hardware() {
        Agent agent = api().enrolAgent();
        Agent other = api().enrolAgent();

        ResponseEntity<JsonNode> asOther = api().post("/api/v1/workers", Map.of("name", other.name(),
                "hardwareId", agent.hardwareId(), "slots", 1, "maxQueue", 0, "taskTypes", List.of("noop")),
                agent.headers());
        ResponseEntity<JsonNode> otherHardware = api().post("/api/v1/workers", Map.of("name", agent.name(),
                "hardwareId", "hw-spoofed", "slots", 1, "maxQueue", 0, "taskTypes", List.of("noop")),
                agent.headers());

        assertIsProblem(asOther, HttpStatus.FORBIDDEN);
        assertIsProblem(otherHardware, HttpStatus.FORBIDDEN);
        assertThat(eventCount(other.workerId())).isZero();
        assertThat(eventCount(agent.workerId())).isZero();
    }

    @Test
    void an_agent_cannot_report_on_a_task_assigned_to_another_agent() {
        // given agent A (beating) holds a task of a type only it runs, and agent B is enrolled too
        Agent a = api().enrolAgent();
        Agent b = api().enrolAgent();
        String taskType = "it-agents-" + suffix;
        try (Heartbeats ignored = new Heartbeats().beat(a)) {
            assertThat(api().registerWorker(a, taskType).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String taskId = api().post("/api/v1/tasks", Map.of("type", taskType), api().adminToken()).getBody()
                    .get("taskId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> !payloads(taskId, TaskAssigned.class).isEmpty());
            int before = eventCount(taskId);

            // when B reports on it in A's name, or in its own
            ResponseEntity<JsonNode> startAsA = report(taskId, "start", a.workerId(), b);
            ResponseEntity<JsonNode> startAsB = report(taskId, "start", b.workerId(), b);
            ResponseEntity<JsonNode> completeAsA = report(taskId, "complete", a.workerId(), b);
            ResponseEntity<JsonNode> completeAsB = report(taskId, "complete", b.workerId(), b);

            // then it is forbidden (not its worker) or stale (not its attempt), and nothing changed
            assertIsProblem(startAsA, HttpStatus.FORBIDDEN);
            assertIsProblem(startAsB, HttpStatus.CONFLICT);
            assertIsProblem(completeAsA, HttpStatus.FORBIDDEN);
            assertIsProblem(completeAsB, HttpStatus.CONFLICT);
            assertThat(eventCount(taskId)).isEqualTo(before);

            // and A itself may report
            assertThat(report(taskId, "start", a.workerId(), a).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            assertThat(payloads(taskId, TaskStarted.class)).singleElement()
                    .satisfies(started -> assertThat(started.workerId()).isEqualTo(a.workerId()));
        }
    }

    private ResponseEntity<JsonNode> report(String taskId, String what, String workerId, Agent caller) {
        Map<String, Object> body = what.equals("complete")
                ? Map.of("workerId", workerId, "attempt", 1, "outcome", "SUCCESS")
                : Map.of("workerId", workerId, "attempt", 1); // a start has no outcome
        return api().post("/api/v1/tasks/" + taskId + "/" + what, body, caller.headers());
    }

    private ResponseEntity<JsonNode> enrol(String token, String name, String hardwareId) {
        return api().post("/api/v1/agents/enrol", Map.of("enrolmentToken", token, "name", name,
                "hardwareId", hardwareId), (String) null);
    }

    private ResponseEntity<JsonNode> agentToken(String workerId, String secret, String hardwareId) {
        return api().post("/api/v1/agents/token", Map.of("workerId", workerId, "agentSecret", secret,
                "hardwareId", hardwareId), (String) null);
    }

    private static Map<String, Object> registration(Agent agent) {
        return Map.of("name", agent.name(), "hardwareId", agent.hardwareId(), "slots", 1, "maxQueue", 0,
                "taskTypes", List.of("noop"));
    }

    private int eventCount(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateIdentifier = ?",
                Integer.class, aggregateId);
    }

    private <T> List<T> payloads(String aggregateId, Class<T> type) {
        return eventStore.readEvents(aggregateId).asStream().map(Message::getPayload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static void assertIsProblem(ResponseEntity<JsonNode> answer, HttpStatus status) {
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("status").asInt()).isEqualTo(status.value());
    }

    /** An agent's bearer token with a chosen hardware id header (none for {@code null}). */
    private static final class TestApiHeaders {

        static HttpHeaders withHardware(Agent agent, String hardwareId) {
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(agent.accessToken());
            if (hardwareId != null) {
                headers.set(TokenClaims.HARDWARE_ID_HEADER, hardwareId);
            }
            return headers;
        }
    }
}
