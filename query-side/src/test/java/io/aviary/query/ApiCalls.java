package io.aviary.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** GETs with a bearer token, and the assertions every API test repeats. */
public final class ApiCalls {

    private final TestRestTemplate http;
    private final ObjectMapper json;

    public ApiCalls(TestRestTemplate http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    public ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    public JsonNode ok(String path, String token) {
        ResponseEntity<String> response = get(path, token);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(HttpStatus.OK);
        return read(response);
    }

    /** Asserts a problem+json answer; returns its body. */
    public JsonNode problem(String path, String token, HttpStatus status, String detailContains) {
        ResponseEntity<String> response = get(path, token);
        assertThat(response.getStatusCode()).as(path + ": " + response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = read(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status.value());
        if (detailContains != null) {
            assertThat(problem.get("detail").asText()).contains(detailContains);
        }
        return problem;
    }

    public JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    public static List<String> texts(JsonNode items, String field) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.get(field).asText()).toList();
    }

    public static List<Long> longs(JsonNode items, String field) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.get(field).asLong()).toList();
    }
}
