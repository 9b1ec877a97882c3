package io.aviary.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.command.CommandSideIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors decided outside the controllers are problems too: paths Tomcat refuses (an encoded slash), paths the
 * security firewall rejects, protected container paths, a browser's {@code Accept: text/html}, a refused CORS
 * request, an unknown method (all found by the fuzzer of module reliability).
 */
class ProblemErrorsIntegrationTest extends CommandSideIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Test
    void a_path_with_an_encoded_slash_refused_by_tomcat_is_a_400_problem() throws Exception {
        assertProblem(send("GET", "/api/v1/tasks/a%2Fb", "application/json", null), 400);
    }

    @Test
    void a_path_the_firewall_rejects_is_a_400_problem_even_for_a_browser() throws Exception {
        assertProblem(send("GET", "/api/v1/tasks/..;/x", "text/html", null), 400);
        assertProblem(send("GET", "/api/v1/tasks/%2e%2e/actuator/env", "text/html", null), 400);
    }

    @Test
    void a_protected_container_path_and_the_error_page_itself_are_404_problems() throws Exception {
        assertProblem(send("GET", "/WEB-INF/web.xml", "application/json", null), 404);
        assertProblem(send("GET", "/error", "application/json", null), 404);
    }

    @Test
    void a_cross_origin_request_from_a_foreign_origin_is_a_403_problem() throws Exception {
        assertProblem(send("POST", "/api/v1/tasks", "application/json", "http://evil.example"), 403);
    }

    @Test
    void an_unknown_method_is_a_405_problem_with_allow() throws Exception {
        HttpResponse<String> answer = send("PROPFIND", "/api/v1/tasks", "application/json", null);
        assertProblem(answer, 405);
        assertThat(answer.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
    }

    @Test
    void a_body_with_anything_after_its_json_value_is_malformed() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/billing-cycles/close"))
                .POST(HttpRequest.BodyPublishers.ofString("{},"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + api().adminToken()).build(), HttpResponse.BodyHandlers.ofString());

        assertProblem(answer, 400);
    }

    private HttpResponse<String> send(String method, String path, String accept, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Accept", accept)
                .header("Authorization", "Bearer " + api().adminToken());
        if (origin != null) {
            request.header("Origin", origin).header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> answer, int status) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).as("%s %s %s", answer.statusCode(),
                answer.headers().map(), answer.body()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    }
}
