package io.aviary.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.agent.support.FakeCommandApi;
import io.aviary.agent.support.TaskEventProducer;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.worker.WorkerIds;
import io.aviary.infra.EmbeddedStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application: configured only through the {@code AVIARY_*} names the launcher sets (here as
 * properties, which the same placeholders in application.yml read), against the real embedded Kafka and a fake
 * command API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext
class WorkerAgentApplicationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final FakeCommandApi API = new FakeCommandApi();
    private static final String NAME = "app-agent-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ENROLMENT_TOKEN = API.issueEnrolmentToken();

    @LocalServerPort
    int port;

    @Autowired
    Agent agent;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws IOException {
        Path stateDir = Files.createTempDirectory("aviary-agent-app-test");
        registry.add("AVIARY_COMMAND_URL", () -> API.url().toString());
        registry.add("AVIARY_KAFKA_BOOTSTRAP", () -> EmbeddedStack.shared().kafkaBootstrap());
        registry.add("AVIARY_AGENT_NAME", () -> NAME);
        registry.add("AVIARY_AGENT_SLOTS", () -> "3");
        registry.add("AVIARY_AGENT_MAX_QUEUE", () -> "5");
        registry.add("AVIARY_AGENT_TASK_TYPES", () -> "noop,sleep");
        registry.add("AVIARY_AGENT_LABELS", () -> "zone=eu-west,gpu=false");
        registry.add("AVIARY_AGENT_STATE_DIR", stateDir::toString);
        registry.add("AVIARY_AGENT_HEARTBEAT_MS", () -> "200");
        registry.add("SERVER_PORT", () -> "0");
        registry.add("AVIARY_AGENT_ENROLMENT_TOKEN", () -> ENROLMENT_TOKEN);
    }

    @AfterAll
    static void closeApi() {
        API.close();
    }

    @Test
    void readinessTurnsUpOnceTheAgentIsRegisteredAndHeartbeating() {
        await().atMost(PATIENCE).until(() -> get("/actuator/health/readiness").statusCode() == 200);

        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.body()).contains("\"status\":\"UP\"", "\"agent\"", NAME);
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void theAgentRegistersWithTheEnvironmentsConfiguration() {
        await().atMost(PATIENCE).until(() -> !API.registrations().isEmpty());

        JsonNode registration = API.registrations().get(0);
        assertThat(registration.path("name").asText()).isEqualTo(NAME);
        assertThat(registration.path("hardwareId").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(registration.path("slots").asInt()).isEqualTo(3);
        assertThat(registration.path("maxQueue").asInt()).isEqualTo(5);
        assertThat(registration.path("taskTypes")).extracting(JsonNode::asText).containsExactly("noop", "sleep");
        assertThat(registration.path("labels").path("zone").asText()).isEqualTo("eu-west");
        assertThat(registration.path("labels").path("gpu").asText()).isEqualTo("false");
    }

    @Test
    void theAgentEnrolledWithTheEnrolmentTokenFromTheEnvironment() {
        await().atMost(PATIENCE).until(() -> !API.registrations().isEmpty());

        assertThat(API.enrolments()).isEqualTo(1);
        assertThat(API.unauthorizedCalls()).isZero();
    }

    @Test
    void theBuiltInExecutorsRunAssignments() {
        await().atMost(PATIENCE).until(() -> agent.phase() == Agent.Phase.READY);
        String task = "t-app-" + UUID.randomUUID();

        try (TaskEventProducer events = new TaskEventProducer(EmbeddedStack.shared().kafkaBootstrap())) {
            events.send(new TaskAssigned(task, "sleep", 1, WorkerIds.forName(NAME), Map.of("millis", 1), 30_000,
                    Instant.now()));
        }

        await().atMost(PATIENCE).until(() -> API.completes(task).size() == 1);
        assertThat(API.completes(task).get(0).outcome()).isEqualTo("SUCCESS");
        assertThat(API.completes(task).get(0).output().path("sleptMillis").asInt()).isEqualTo(1);
    }

    private HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
