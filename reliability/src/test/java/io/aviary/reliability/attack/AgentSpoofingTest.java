package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.events.user.Role;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReliabilityPlatform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Agents are bound to their hardware and to their own tasks, on the running platform: a token presented with another
 * {@code X-Aviary-Hardware-Id}, a secret used from other hardware, and an agent reporting on another agent's task are
 * all refused, and nothing changes (event store rows, the task's timeline).
 */
class AgentSpoofingTest {

    @Test
    void an_agent_token_with_another_hardware_id_is_refused_and_changes_nothing() throws IOException {
        // given an enrolled agent, and a real agent's stored credentials
        Attackers attackers = Attackers.get();
        FakeAgent agent = attackers.agent();
        JsonNode real = realAgentCredentials(1);
        KnownSecrets.add("agent secret of reliability-agent-1", real.path("agentSecret").asText());
        PlatformState.Snapshot before = PlatformState.quiet(Duration.ofSeconds(2), Duration.ofMinutes(2));

        // when the agent's token comes with another hardware id, or none, and secrets are used from other hardware
        List<String[]> spoofed = RawHttp.headers("Authorization", "Bearer " + agent.accessToken(),
                "X-Aviary-Hardware-Id", "someone-elses-machine");
        List<String[]> bare = RawHttp.headers("Authorization", "Bearer " + agent.accessToken());
        Map<String, RawHttp.Response> answers = new LinkedHashMap<>();
        Map<String, Object> registration = Map.of("name", agent.name(), "hardwareId", "someone-elses-machine",
                "slots", 1, "maxQueue", 1, "taskTypes", List.of("attack-only"));
        answers.put("register, spoofed header", command("POST", "/api/v1/workers", registration, spoofed));
        answers.put("register, no header", command("POST", "/api/v1/workers", registration, bare));
        answers.put("complete, spoofed header", command("POST", "/api/v1/tasks/" + java.util.UUID.randomUUID()
                + "/complete", Map.of("workerId", agent.workerId(), "attempt", 1, "outcome", "SUCCESS"), spoofed));
        answers.put("token, own secret, other hardware", command("POST", "/api/v1/agents/token",
                Map.of("workerId", agent.workerId(), "agentSecret", agent.agentSecret(),
                        "hardwareId", "someone-elses-machine"), List.of()));
        answers.put("token, real agent's secret, other hardware", command("POST", "/api/v1/agents/token",
                Map.of("workerId", real.path("workerId").asText(), "agentSecret", real.path("agentSecret").asText(),
                        "hardwareId", "someone-elses-machine"), List.of()));

        // then every one is a 403 problem, and nothing changed
        answers.forEach((what, answer) -> {
            assertThat(answer.status()).as("%s: %s", what, answer.abbreviated()).isEqualTo(403);
            assertThat(answer.problemViolation()).as(what).isNull();
        });
        assertThat(PlatformState.take().changesSince(before)).isEmpty();
        Figures.of("attack: hardware-id spoofing").put("requests", answers.size()).put("403", answers.size())
                .put("state changes", 0).report();
    }

    @Test
    void an_agent_reporting_on_another_agents_task_is_refused_and_the_task_does_not_change() {
        // given a long task running on one of the platform's agents
        Attackers attackers = Attackers.get();
        FakeAgent intruder = attackers.agent();
        RawHttp.Response created = command("POST", "/api/v1/tasks",
                Map.of("type", "sleep", "payload", Map.of("millis", 300_000), "timeoutMs", 600_000),
                attackers.as(Role.MANAGER).headers());
        assertThat(created.status()).as(created.abbreviated()).isEqualTo(202);
        String taskId = created.json().path("taskId").asText();
        JsonNode running = await("the task running on an agent").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> task(taskId), task -> "RUNNING".equals(task.path("status").asText()));
        String owner = running.path("workerId").asText();
        int attempt = running.path("attempt").asInt();
        PlatformState.Snapshot before = PlatformState.quiet(Duration.ofSeconds(2), Duration.ofMinutes(2));
        int timeline = task(taskId).path("timeline").size();

        // when the intruder starts and completes it, in the owner's name and in its own
        Map<String, RawHttp.Response> answers = new LinkedHashMap<>();
        String base = "/api/v1/tasks/" + taskId;
        answers.put("start as the owner", command("POST", base + "/start",
                Map.of("workerId", owner, "attempt", attempt), intruder.headers()));
        answers.put("complete as the owner", command("POST", base + "/complete",
                Map.of("workerId", owner, "attempt", attempt, "outcome", "SUCCESS"), intruder.headers()));
        answers.put("start as itself", command("POST", base + "/start",
                Map.of("workerId", intruder.workerId(), "attempt", attempt), intruder.headers()));
        answers.put("complete as itself", command("POST", base + "/complete",
                Map.of("workerId", intruder.workerId(), "attempt", attempt, "outcome", "FAILURE"),
                intruder.headers()));
        answers.put("complete as a WORKER person", command("POST", base + "/complete",
                Map.of("outcome", "SUCCESS"), attackers.as(Role.WORKER).headers()));

        // then: 403 in another's name, 409 (stale) in its own; the task and the event store unchanged
        assertThat(answers.get("start as the owner").status()).isEqualTo(403);
        assertThat(answers.get("complete as the owner").status()).isEqualTo(403);
        assertThat(answers.get("start as itself").status()).isEqualTo(409);
        assertThat(answers.get("complete as itself").status()).isEqualTo(409);
        assertThat(answers.get("complete as a WORKER person").status()).isIn(403, 409);
        answers.forEach((what, answer) -> assertThat(answer.problemViolation()).as(what).isNull());
        assertThat(PlatformState.take().changesSince(before)).isEmpty();
        JsonNode after = task(taskId);
        assertThat(after.path("status").asText()).isEqualTo("RUNNING");
        assertThat(after.path("workerId").asText()).isEqualTo(owner);
        assertThat(after.path("timeline").size()).isEqualTo(timeline);
        Figures.of("attack: cross-agent reporting").put("requests", answers.size())
                .put("statuses", answers.values().stream().map(RawHttp.Response::status).toList())
                .put("state changes", 0).report();

        // cleanup: the task would hold a slot for five minutes
        command("POST", base + "/cancel", Map.of("reason", "end of test"), attackers.as(Role.MANAGER).headers());
    }

    private static RawHttp.Response command(String method, String path, Object body, List<String[]> headers) {
        return Calls.command(InetAddress.getLoopbackAddress(), method, path, body, headers);
    }

    private static JsonNode task(String taskId) {
        return Calls.query("/api/v1/tasks/" + taskId, Attackers.get().as(Role.ADMIN).headers()).json();
    }

    /** What a real agent of the platform keeps on disk: workerId, agentSecret, hardwareId. */
    static JsonNode realAgentCredentials(int n) throws IOException {
        Path file = ReliabilityPlatform.get().logDir().getParent().resolve("agents")
                .resolve(ReliabilityPlatform.agentName(n)).resolve("credentials.json");
        return Calls.JSON.readTree(Files.readString(file));
    }
}
