package io.aviary.command.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.security.SecurityLog;
import io.aviary.command.support.TestApi;
import io.aviary.command.support.TestApi.Agent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named credentials on the running application: write-only for managers and admins, readable by agents only, stored
 * encrypted (the bytes in PostgreSQL are not the secret), and never in an answer, an event or a log line otherwise.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;

    private final String name = "status-" + UUID.randomUUID().toString().substring(0, 8);
    private final String token = "tok-" + UUID.randomUUID() + "-do-not-leak";

    private ResponseEntity<JsonNode> create(Map<String, Object> body) {
        return api().post("/api/v1/connections", body, api().adminToken());
    }

    @Test
    void a_secret_is_write_only_and_stored_encrypted(CapturedOutput output) {
        // when a bearer connection is stored
        ResponseEntity<JsonNode> created = create(Map.of("name", name, "type", "bearer", "token", token));

        // then the answer, the list and the row hold no secret
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().toString()).doesNotContain(token);
        ResponseEntity<JsonNode> list = api().exchange(HttpMethod.GET, "/api/v1/connections", null,
                TestApi.bearer(api().adminToken()));
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody().toString()).contains(name).contains("bearer").doesNotContain(token);
        byte[] stored = jdbc.queryForObject("SELECT secret FROM connections WHERE name = ?", byte[].class, name);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(stored.length).isGreaterThan(token.length());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') "
                + "LIKE ?", Integer.class, "%" + token + "%")).isZero();
        assertThat(output.getAll()).contains("Connection '" + name + "' (bearer) stored").doesNotContain(token);
    }

    @Test
    void only_an_agent_reads_a_secret_and_each_read_is_logged_without_it(CapturedOutput output) {
        create(Map.of("name", name, "type", "basic", "username", "robot", "password", token));
        Agent agent = api().enrolAgent();

        ResponseEntity<JsonNode> asAgent = api().exchange(HttpMethod.GET, "/api/v1/connections/" + name + "/secret",
                null, agent.headers());
        ResponseEntity<JsonNode> asAdmin = api().exchange(HttpMethod.GET, "/api/v1/connections/" + name + "/secret",
                null, TestApi.bearer(api().adminToken()));

        assertThat(asAgent.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(asAgent.getBody().get("type").asText()).isEqualTo("basic");
        assertThat(asAgent.getBody().get("username").asText()).isEqualTo("robot");
        assertThat(asAgent.getBody().get("password").asText()).isEqualTo(token);
        assertThat(asAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(output.getAll().lines().filter(line -> line.contains(SecurityLog.NAME)
                && line.contains("Connection '" + name + "' (basic) read by worker " + agent.workerId()))).hasSize(1);
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void a_name_is_taken_once_a_credential_must_fit_its_type_and_a_deleted_connection_is_gone() {
        assertThat(create(Map.of("name", name, "type", "bearer", "token", token)).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(create(Map.of("name", name, "type", "bearer", "token", "other")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        ResponseEntity<JsonNode> mismatch = create(Map.of("name", name + "-b", "type", "basic", "token", token));
        assertThat(mismatch.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(mismatch.getBody().get("errors")).extracting(error -> error.get("field").asText())
                .containsExactlyInAnyOrder("username", "password", "token");
        assertThat(create(Map.of("name", "bad name!", "type", "bearer", "token", token)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(api().exchange(HttpMethod.DELETE, "/api/v1/connections/" + name, null,
                TestApi.bearer(api().adminToken())).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Agent agent = api().enrolAgent();
        assertThat(api().exchange(HttpMethod.GET, "/api/v1/connections/" + name + "/secret", null, agent.headers())
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(api().exchange(HttpMethod.DELETE, "/api/v1/connections/" + name, null,
                TestApi.bearer(api().adminToken())).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void an_area_may_only_name_a_connection_that_exists() {
        Map<String, Object> area = Map.of("name", "poller",
                "action", Map.of("service", "status", "type", "http.poll",
                        "params", Map.of("url", "https://status.example.com"), "connection", name),
                "trigger", Map.of("kind", "INTERVAL", "intervalMs", 60_000));

        ResponseEntity<JsonNode> unknown = api().post("/api/v1/areas", area, api().adminToken());
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody().get("errors")).extracting(error -> error.get("field").asText())
                .isEqualTo(List.of("action.connection"));

        create(Map.of("name", name, "type", "bearer", "token", token));
        ResponseEntity<JsonNode> known = api().post("/api/v1/areas", area, api().adminToken());
        assertThat(known.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        api().exchange(HttpMethod.DELETE, "/api/v1/areas/" + known.getBody().get("areaId").asText(), null,
                TestApi.bearer(api().adminToken()));
    }
}
