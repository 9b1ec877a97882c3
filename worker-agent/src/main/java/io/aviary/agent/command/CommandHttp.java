package io.aviary.agent.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * JSON over HTTP to the command side, shared by the command API and the agent's sign-in. Transient failures
 * (connection refused, time-outs, 5xx, 429) are retried with exponential backoff and jitter, without limit: the
 * caller's thread is interrupted when the agent stops. Every other answer is returned as it is.
 */
public final class CommandHttp {

    private static final Logger log = LoggerFactory.getLogger(CommandHttp.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUrl;
    private final ObjectMapper json;
    private final HttpClient http;
    private final RetryConfig retryConfig;

    /**
     * @param baseUrl        command API base, e.g. {@code http://localhost:8080}
     * @param initialBackoff first wait after a transient failure
     * @param maxBackoff     the wait doubles up to this
     */
    public CommandHttp(URI baseUrl, ObjectMapper json, Duration initialBackoff, Duration maxBackoff) {
        this.baseUrl = baseUrl;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.2, maxBackoff))
                .retryExceptions(TransientCommandApiException.class)
                .build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /**
     * Runs {@code call} until it returns or fails with something other than {@link TransientCommandApiException}.
     *
     * @param what       names the call in log lines
     * @param retryLevel how loud a retry is (INFO while the command side is expected to start, WARN later)
     */
    public HttpResponse<String> withRetry(String what, Level retryLevel, Call call) throws InterruptedException {
        Retry retry = Retry.of(what, retryConfig);
        retry.getEventPublisher().onRetry(event -> log.atLevel(retryLevel).log(
                "{} failed ({}); retry {} in {} ms", what, event.getLastThrowable().getMessage(),
                event.getNumberOfRetryAttempts(), event.getWaitInterval().toMillis()));
        try {
            return retry.executeCheckedSupplier(call::execute);
        } catch (InterruptedException e) {
            throw e;
        } catch (TransientCommandApiException e) {
            // Resilience4j ends a retry wait that was interrupted by rethrowing the last failure, flag restored.
            if (Thread.interrupted()) {
                throw new InterruptedException("Interrupted while retrying: " + e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One POST, no retry.
     *
     * @throws TransientCommandApiException when unreachable, or on 5xx / 429
     */
    public HttpResponse<String> post(String path, Object body, Map<String, String> headers)
            throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        headers.forEach(request::header);
        return send(request.build(), "POST " + path);
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientCommandApiException(describe(e), e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new TransientCommandApiException("HTTP " + response.statusCode() + " from " + what);
        }
        return response;
    }

    /**
     * One GET, no retry.
     *
     * @throws TransientCommandApiException when unreachable, or on 5xx / 429
     */
    public HttpResponse<String> get(String path, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json, application/problem+json")
                .GET();
        headers.forEach(request::header);
        return send(request.build(), "GET " + path);
    }

    public JsonNode readTree(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable answer from the command side: " + body, e);
        }
    }

    /** The problem's {@code detail}, or the raw body when the answer is no problem document. */
    public String problemDetail(HttpResponse<String> response) {
        try {
            JsonNode problem = json.readTree(response.body() == null ? "" : response.body());
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
        } catch (JsonProcessingException ignored) {
            // not a problem document; the raw body below says what there is to say
        }
        return response.body();
    }

    /** The body as JSON; an empty object when it is none. */
    public JsonNode readTree(HttpResponse<String> response) {
        try {
            JsonNode tree = json.readTree(response.body() == null ? "" : response.body());
            return tree != null ? tree : json.createObjectNode();
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** One attempt of a call. */
    @FunctionalInterface
    public interface Call {
        HttpResponse<String> execute() throws InterruptedException;
    }
}
