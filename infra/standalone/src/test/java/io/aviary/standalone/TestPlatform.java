package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.infra.EmbeddedStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One platform for every end-to-end test class of this JVM (starting one costs ~30 s on 2 cores): the shared
 * embedded stack, every app as a child process, three agents with 2 slots and room for 40 queued tasks each.
 * Stopped by a shutdown hook after the last test.
 */
final class TestPlatform {

    static final int AGENTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Platform platform;
    /** One per JVM: a second try after a failed start meets the admin user the first one created. */
    private static final String ADMIN_PASSWORD = "e2e-admin-password-" + UUID.randomUUID();

    private TestPlatform() {
    }

    static synchronized Platform get() {
        if (platform == null) {
            try {
                EmbeddedStack stack = EmbeddedStack.shared();
                Servers servers = new Servers(stack.postgresJdbcUrl(), stack.postgresUser(), stack.postgresPassword(),
                        stack.kafkaBootstrap(), stack.mongoUri());
                Path home = Files.createTempDirectory("aviary-e2e-");
                StandaloneOptions options = new StandaloneOptions(AGENTS, 2, 40, freePort(), freePort(), freePort(),
                        0, 0, home, StandaloneOptions.DEFAULT_JVM_OPTIONS, false);
                Platform started = new Platform(options, servers, AppJars.locate(home),
                        ADMIN_PASSWORD);
                // Stop the apps before the stack's own hook stops the servers under them.
                Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-platform-ShutdownHook"));
                platform = started.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return platform;
    }

    static JsonNode post(String url, Object body) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))));
        assertThat(response.statusCode()).as("POST %s: %s", url, response.body()).isBetween(200, 299);
        return read(response.body());
    }

    /** The body of a 200 answer, or an empty object for anything else (while read models catch up). */
    static JsonNode get(String url) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).GET());
        return response.statusCode() == 200 ? read(response.body()) : JSON.createObjectNode();
    }

    static JsonNode task(String taskId) {
        return get(get().queryUrl() + "/api/v1/tasks/" + taskId);
    }

    static String workerId(String name) {
        JsonNode page = get(get().queryUrl() + "/api/v1/workers?name=" + name);
        assertThat(page.path("items")).as("workers named %s", name).hasSize(1);
        return page.path("items").get(0).path("workerId").asText();
    }

    static String workerState(String workerId) {
        return get(get().queryUrl() + "/api/v1/workers/" + workerId).path("state").asText();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.header("Authorization", "Bearer " + get().admin().accessToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
