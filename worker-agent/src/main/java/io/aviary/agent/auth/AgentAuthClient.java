package io.aviary.agent.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.agent.command.CommandApiClient;
import io.aviary.agent.command.CommandHttp;
import org.slf4j.event.Level;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's two unauthenticated calls: {@code POST /api/v1/agents/enrol} (one-time enrolment token -> credentials
 * and a first access token) and {@code POST /api/v1/agents/token} (credentials -> access token). Transient failures
 * are retried; a refusal is an {@link AgentAuthException} that says what the operator has to do.
 */
public final class AgentAuthClient {

    /** Used when an answer has no {@code expiresIn}: the command side's default lifetime. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);

    private final CommandHttp http;
    private final Clock clock;

    public AgentAuthClient(CommandHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** What an enrolment yields. */
    public record Enrolment(AgentCredentials credentials, AccessToken accessToken) {
    }

    public Enrolment enrol(String enrolmentToken, String name, String hardwareId) throws InterruptedException {
        HttpResponse<String> response = http.withRetry("enrolment", Level.INFO, () -> http.post(
                "/api/v1/agents/enrol", Map.of("enrolmentToken", enrolmentToken, "name", name,
                        "hardwareId", hardwareId), Map.of(CommandApiClient.HARDWARE_ID_HEADER, hardwareId)));
        int status = response.statusCode();
        if (status / 100 == 2) {
            JsonNode body = http.readTree(response.body());
            String workerId = required(body, "workerId");
            AgentCredentials credentials = new AgentCredentials(workerId, required(body, "agentSecret"), hardwareId);
            return new Enrolment(credentials, accessToken(body));
        }
        if (status == 401) {
            throw new AgentAuthException("The enrolment token was refused (401: unknown, spent or expired; "
                    + http.problemDetail(response) + "). Ask an admin for a new one (POST "
                    + "/api/v1/agents/enrolment-tokens) and set AVIARY_AGENT_ENROLMENT_TOKEN to it.");
        }
        throw new AgentAuthException("Enrolment refused with HTTP " + status + ": " + http.problemDetail(response));
    }

    public AccessToken token(AgentCredentials credentials) throws InterruptedException {
        HttpResponse<String> response = http.withRetry("access token", Level.INFO, () -> http.post(
                "/api/v1/agents/token", Map.of("workerId", credentials.workerId(),
                        "agentSecret", credentials.agentSecret(), "hardwareId", credentials.hardwareId()),
                Map.of(CommandApiClient.HARDWARE_ID_HEADER, credentials.hardwareId())));
        int status = response.statusCode();
        if (status / 100 == 2) {
            return accessToken(http.readTree(response.body()));
        }
        if (status == 403) {
            throw new AgentAuthException("The command side refuses this machine for worker " + credentials.workerId()
                    + " (403: hardware id " + credentials.hardwareId() + " is not the enrolled one; "
                    + http.problemDetail(response) + ").");
        }
        throw new AgentAuthException("The saved credentials of worker " + credentials.workerId() + " were refused"
                + " (HTTP " + status + ": " + http.problemDetail(response) + "). Delete " + CredentialsStore.FILE_NAME
                + " in the state dir and start the agent with a new AVIARY_AGENT_ENROLMENT_TOKEN to enrol again.");
    }

    private AccessToken accessToken(JsonNode body) {
        JsonNode expiresIn = body.path("expiresIn");
        Duration lifetime = expiresIn.isNumber() && expiresIn.asDouble() > 0
                ? Duration.ofMillis((long) (expiresIn.asDouble() * 1000)) : DEFAULT_LIFETIME;
        return new AccessToken(required(body, "accessToken"), clock.instant(), lifetime);
    }

    private static String required(JsonNode body, String field) {
        String value = body.path(field).asText(null);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("The command side's answer has no " + field);
        }
        return value;
    }
}
