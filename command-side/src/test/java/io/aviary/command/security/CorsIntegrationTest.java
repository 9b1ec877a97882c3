package io.aviary.command.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web dashboard, served by the query side (another origin), logs in and submits tasks from the browser: the
 * browser's preflight must be answered for the configured origin ({@code aviary.cors.allowed-origins}, default the
 * query side on this machine) and refused for any other, and the real answers must carry the CORS headers.
 */
class CorsIntegrationTest extends CommandSideIntegrationTest {

    private static final String DASHBOARD = "http://localhost:8081";

    @Autowired
    private TestRestTemplate http;

    @Test
    void the_dashboard_origin_may_log_in_and_submit_tasks_from_a_browser() {
        // when the browser asks whether the dashboard may POST a task with a bearer header
        ResponseEntity<String> preflight = preflight("/api/v1/tasks", DASHBOARD);

        // then it may, and may read the Location of the answer
        assertThat(preflight.getStatusCode()).isEqualTo(HttpStatus.OK);
        HttpHeaders headers = preflight.getHeaders();
        assertThat(headers.getAccessControlAllowOrigin()).isEqualTo(DASHBOARD);
        assertThat(headers.getAccessControlAllowMethods()).contains(HttpMethod.POST);
        assertThat(headers.getAccessControlAllowHeaders()).map(String::toLowerCase)
                .contains("authorization", "content-type");
        assertThat(headers.getAccessControlAllowCredentials()).isFalse();

        // and the login itself answers with the origin allowed, so the script can read the tokens
        HttpHeaders login = new HttpHeaders();
        login.setOrigin(DASHBOARD);
        login.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> answer = http.exchange("/api/v1/auth/login", HttpMethod.POST, new HttpEntity<>(
                Map.of("username", "admin", "password", TestApi.ADMIN_PASSWORD), login),
                JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getAccessControlAllowOrigin()).isEqualTo(DASHBOARD);
        assertThat(answer.getBody().path("accessToken").asText()).isNotBlank();
    }

    @Test
    void another_origin_is_refused() {
        ResponseEntity<String> preflight = preflight("/api/v1/auth/login", "http://evil.example");

        assertThat(preflight.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(preflight.getHeaders().getAccessControlAllowOrigin()).isNull();
    }

    private ResponseEntity<String> preflight(String path, String origin) {
        HttpHeaders headers = new HttpHeaders();
        headers.setOrigin(origin);
        headers.setAccessControlRequestMethod(HttpMethod.POST);
        headers.set(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type");
        return http.exchange(path, HttpMethod.OPTIONS, new HttpEntity<>(headers), String.class);
    }
}
