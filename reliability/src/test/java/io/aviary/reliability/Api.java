package io.aviary.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * JSON over HTTP to the platform's APIs, as a client would call them. A call that cannot reach the server answers
 * status {@code -1} (the server is down or restarting) instead of throwing, so load generators can count it.
 */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Api() {
    }

    /**
     * One answer.
     *
     * @param status      HTTP status, or -1 when no answer came (refused, reset, timed out)
     * @param contentType the Content-Type header, or ""
     * @param retryAfter  the Retry-After header, if any
     * @param body        the body as JSON (an empty object when empty or not JSON)
     * @param millis      how long the call took
     * @param failure     why no answer came, or null
     */
    public record Answer(int status, String contentType, Optional<String> retryAfter, JsonNode body, long millis,
                         String failure) {

        public boolean is2xx() {
            return status / 100 == 2;
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    public static Answer post(String url, Object body, String bearer, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body))), bearer, timeout);
    }

    public static Answer get(String url, String bearer, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), bearer, timeout);
    }

    /** The status of a GET without a token (health probes), -1 when nothing answers. */
    public static int status(String url) {
        return get(url, null, Duration.ofSeconds(3)).status();
    }

    private static Answer send(HttpRequest.Builder request, String bearer, Duration timeout) {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After"),
                    read(response.body()), elapsed(start), null);
        } catch (IOException e) {
            return new Answer(-1, "", Optional.empty(), JSON.createObjectNode(), elapsed(start), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unparsedBody", body);
        }
    }

    public static JsonNode read(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
