package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The launcher's admin session on the command API: logs in as {@code admin}, keeps a fresh access token, and creates
 * the one-time enrolment tokens the agents start with.
 */
public final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String commandUrl;
    private final String password;
    private String accessToken;
    private Instant renewAt = Instant.MIN;

    public AdminClient(String commandUrl, String password) {
        this.commandUrl = commandUrl;
        this.password = password;
    }

    /** A valid access token, logging in again when the current one is past 80 % of its lifetime. */
    public synchronized String accessToken() {
        if (accessToken == null || Instant.now().isAfter(renewAt)) {
            JsonNode answer;
            try {
                answer = post("/api/v1/auth/login", Map.of("username", "admin", "password", password), null);
            } catch (IllegalStateException e) {
                if (e.getMessage().contains(" answered 401")) {
                    throw new LoginRefused(e.getMessage());
                }
                throw e;
            }
            accessToken = answer.path("accessToken").asText();
            long lifetime = answer.path("expiresIn").asLong(900);
            renewAt = Instant.now().plusSeconds(lifetime * 8 / 10);
        }
        return accessToken;
    }

    /** A one-time enrolment token for an agent of that name. */
    public String enrolmentToken(String agentName) {
        return post("/api/v1/agents/enrolment-tokens", Map.of("name", agentName), accessToken())
                .path("token").asText();
    }

    /** The admin password was refused (401): the platform knows another one. */
    public static final class LoginRefused extends IllegalStateException {
        LoginRefused(String message) {
            super(message);
        }
    }

    private JsonNode post(String path, Object body, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(commandUrl + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
