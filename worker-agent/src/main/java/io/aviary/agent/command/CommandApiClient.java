package io.aviary.agent.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The agent's side of the command API: register, start, complete. Transient failures (connection refused, time-outs,
 * 5xx, 429) are retried with exponential backoff and jitter, without limit: a result the agent holds is worth more
 * than giving up, and the caller's thread is interrupted when the agent stops. Every other answer is returned or
 * thrown at once.
 */
public final class CommandApiClient {

    private static final Logger log = LoggerFactory.getLogger(CommandApiClient.class);
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
    public CommandApiClient(URI baseUrl, ObjectMapper json, Duration initialBackoff, Duration maxBackoff) {
        this.baseUrl = baseUrl;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(Integer.MAX_VALUE)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initialBackoff, 2.0, 0.2, maxBackoff))
                .retryExceptions(TransientCommandApiException.class)
                .build();
    }

    /**
     * Registers the worker, retrying until the command side answers.
     *
     * @return the worker id the command side assigned
     * @throws RegistrationRejectedException on 409 (name bound to another hardware id) or another 4xx
     * @throws InterruptedException          when the agent stops while waiting
     */
    public String register(RegisterWorkerRequest request) throws InterruptedException {
        Retry retry = retry("register");
        retry.getEventPublisher().onRetry(event -> log.info(
                "Command side at {} not answering yet ({}); registration attempt {} in {} ms", baseUrl,
                event.getLastThrowable().getMessage(), event.getNumberOfRetryAttempts() + 1,
                event.getWaitInterval().toMillis()));
        HttpResponse<String> response = withRetry(retry, () -> post("/api/v1/workers", request));
        int status = response.statusCode();
        if (status / 100 == 2) {
            JsonNode body = readTree(response.body());
            String workerId = body.path("workerId").asText(null);
            if (workerId == null) {
                throw new IllegalStateException("Registration answer has no workerId: " + response.body());
            }
            return workerId;
        }
        if (status == 409) {
            throw new RegistrationRejectedException("Worker name '" + request.name()
                    + "' is bound to another hardware id on the command side (409): " + problemDetail(response)
                    + ". Use another AVIARY_AGENT_NAME, or have an admin re-bind the name.");
        }
        throw new RegistrationRejectedException("Registration refused with HTTP " + status + ": "
                + problemDetail(response));
    }

    /** Reports that an attempt starts, retrying transient failures. */
    public ReportAnswer start(String taskId, StartTaskRequest request) throws InterruptedException {
        return report("/api/v1/tasks/" + taskId + "/start", request, "start " + taskId + "#" + request.attempt());
    }

    /** Reports how an attempt ended, retrying transient failures. */
    public ReportAnswer complete(String taskId, CompleteTaskRequest request) throws InterruptedException {
        return report("/api/v1/tasks/" + taskId + "/complete", request,
                "complete " + taskId + "#" + request.attempt());
    }

    private ReportAnswer report(String path, Object body, String what) throws InterruptedException {
        Retry retry = retry(what);
        retry.getEventPublisher().onRetry(event -> log.warn("Report {} failed ({}); retry {} in {} ms", what,
                event.getLastThrowable().getMessage(), event.getNumberOfRetryAttempts(),
                event.getWaitInterval().toMillis()));
        HttpResponse<String> response = withRetry(retry, () -> post(path, body));
        int status = response.statusCode();
        if (status / 100 == 2) {
            return ReportAnswer.ACCEPTED;
        }
        if (status == 409) {
            return ReportAnswer.STALE;
        }
        if (status == 404) {
            return ReportAnswer.NOT_FOUND;
        }
        log.error("Report {} refused with HTTP {}: {}", what, status, problemDetail(response));
        return ReportAnswer.REJECTED;
    }

    private Retry retry(String name) {
        return Retry.of(name, retryConfig);
    }

    private static HttpResponse<String> withRetry(Retry retry, Call call) throws InterruptedException {
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

    private HttpResponse<String> post(String path, Object body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TransientCommandApiException(describe(e), e);
        }
        if (response.statusCode() >= 500 || response.statusCode() == 429) {
            throw new TransientCommandApiException("HTTP " + response.statusCode() + " from POST " + path);
        }
        return response;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable answer from the command side: " + body, e);
        }
    }

    private String problemDetail(HttpResponse<String> response) {
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

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> execute() throws InterruptedException;
    }
}
