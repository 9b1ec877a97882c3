package io.aviary.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.security.TokenClaims;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command API as the tests call it: JSON requests with a bearer token, logging in as the bootstrap admin, and
 * enrolling agents the way a real agent does.
 */
public final class TestApi {

    /** {@code aviary.auth.admin-password} of the test context. */
    public static final String ADMIN_PASSWORD = "it-admin-password-0123";

    private static final Duration RENEW_AFTER = Duration.ofMinutes(10);
    private static String adminToken;
    private static Instant adminTokenAt = Instant.MIN;

    private final TestRestTemplate http;

    public TestApi(TestRestTemplate http) {
        this.http = http;
    }

    /** An access token of {@code admin} (logged in once, again after ten minutes of wall-clock time). */
    public String adminToken() {
        synchronized (TestApi.class) {
            if (adminToken == null || Instant.now().isAfter(adminTokenAt.plus(RENEW_AFTER))) {
                adminToken = login("admin", ADMIN_PASSWORD).get("accessToken").asText();
                adminTokenAt = Instant.now();
            }
            return adminToken;
        }
    }

    /** Logs in, asserting success; the answer holds accessToken and refreshToken. */
    public JsonNode login(String username, String password) {
        ResponseEntity<JsonNode> answer = tryLogin(username, password);
        assertThat(answer.getStatusCode()).as("login of %s: %s", username, answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    public ResponseEntity<JsonNode> tryLogin(String username, String password) {
        return post("/api/v1/auth/login", Map.of("username", username, "password", password), (String) null);
    }

    /** Creates a user as admin, asserting 201. */
    public String createUser(String username, String password, String... roles) {
        ResponseEntity<JsonNode> answer = post("/api/v1/users",
                Map.of("username", username, "password", password, "roles", roles), adminToken());
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.CREATED);
        return answer.getBody().get("userId").asText();
    }

    /** A fresh one-time enrolment token (any name). */
    public String enrolmentToken() {
        ResponseEntity<JsonNode> answer = post("/api/v1/agents/enrolment-tokens", Map.of(), adminToken());
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return answer.getBody().get("token").asText();
    }

    /** Enrols an agent of that name on that hardware. */
    public Agent enrolAgent(String name, String hardwareId) {
        ResponseEntity<JsonNode> answer = post("/api/v1/agents/enrol",
                Map.of("enrolmentToken", enrolmentToken(), "name", name, "hardwareId", hardwareId), (String) null);
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode body = answer.getBody();
        return new Agent(name, body.get("workerId").asText(), hardwareId, body.get("agentSecret").asText(),
                body.get("accessToken").asText());
    }

    /** Enrols an agent with a random name and hardware id. */
    public Agent enrolAgent() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        return enrolAgent("it-agent-" + suffix, "hw-" + suffix);
    }

    /** Registers the agent's worker as the agent itself, for the given task types. */
    public ResponseEntity<JsonNode> registerWorker(Agent agent, String... taskTypes) {
        return post("/api/v1/workers", Map.of("name", agent.name(), "hardwareId", agent.hardwareId(), "slots", 2,
                "maxQueue", 2, "taskTypes", taskTypes), agent.headers());
    }

    public ResponseEntity<JsonNode> post(String path, Object body, String token) {
        return exchange(HttpMethod.POST, path, body, bearer(token));
    }

    public ResponseEntity<JsonNode> post(String path, Object body, HttpHeaders headers) {
        return exchange(HttpMethod.POST, path, body, headers);
    }

    public ResponseEntity<JsonNode> exchange(HttpMethod method, String path, Object body, HttpHeaders headers) {
        HttpHeaders all = new HttpHeaders();
        all.setContentType(MediaType.APPLICATION_JSON);
        all.addAll(headers);
        return http.exchange(path, method, new HttpEntity<>(body, all), JsonNode.class);
    }

    /** Headers with {@code Authorization: Bearer <token>} (none for a {@code null} token). */
    public static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return headers;
    }

    /**
     * An enrolled agent.
     *
     * @param name        its worker name
     * @param workerId    its worker id
     * @param hardwareId  its hardware id
     * @param agentSecret its secret
     * @param accessToken its access token from the enrolment
     */
    public record Agent(String name, String workerId, String hardwareId, String agentSecret, String accessToken) {

        /** Bearer token and hardware id header, as every agent request carries them. */
        public HttpHeaders headers() {
            HttpHeaders headers = bearer(accessToken);
            headers.set(TokenClaims.HARDWARE_ID_HEADER, hardwareId);
            return headers;
        }
    }
}
