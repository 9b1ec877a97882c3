package io.aviary.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.CommandSideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request limits of the command API: bodies over {@code aviary.http.max-body-size} (1 MiB) answer 413 whether their
 * length is declared or not; a task payload over 64 KiB answers 400 naming the field. Nothing is stored either way.
 */
class RequestLimitsIntegrationTest extends CommandSideIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void a_body_over_one_mebibyte_is_refused_with_413_whether_its_length_is_declared_or_chunked() throws Exception {
        long events = eventCount();
        byte[] body = taskWithPayloadOf(1024 * 1024 + 10);

        HttpResponse<String> declared = HTTP.send(tasks().POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        // ofInputStream has no length: the request goes out chunked
        HttpResponse<String> chunked = HTTP.send(tasks().POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> answer : new HttpResponse[]{declared, chunked}) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.get("status").asInt()).isEqualTo(413);
            assertThat(problem.get("title").asText()).isEqualTo("Payload too large");
        }
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void a_task_payload_over_64_kib_is_refused_with_400_naming_the_field_and_one_just_below_is_accepted() {
        long events = eventCount();

        ResponseEntity<JsonNode> tooLarge = api().post("/api/v1/tasks",
                Map.of("type", "it-unroutable", "payload", Map.of("blob", "x".repeat(64 * 1024))),
                api().adminToken());

        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLarge.getBody().get("errors").findValuesAsText("field")).containsExactly("payload");
        assertThat(eventCount()).isEqualTo(events);
        // {"blob":"..."} is 11 bytes of JSON around the string
        ResponseEntity<JsonNode> justBelow = api().post("/api/v1/tasks",
                Map.of("type", "it-unroutable", "payload", Map.of("blob", "x".repeat(64 * 1024 - 11))),
                api().adminToken());
        assertThat(justBelow.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    private HttpRequest.Builder tasks() {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tasks"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + api().adminToken());
    }

    private static byte[] taskWithPayloadOf(int bytes) throws Exception {
        return JSON.writeValueAsString(Map.of("type", "it-unroutable-" + UUID.randomUUID(),
                "payload", Map.of("blob", "y".repeat(bytes)))).getBytes(StandardCharsets.UTF_8);
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }
}
