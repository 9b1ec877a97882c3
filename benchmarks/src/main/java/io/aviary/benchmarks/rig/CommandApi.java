package io.aviary.benchmarks.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.standalone.AdminClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command API as an operator uses it: {@code POST /api/v1/tasks} (or {@code /api/v1/tasks:batch}) with the
 * admin's bearer token, asynchronously (the load generators keep many requests in flight on few threads).
 */
public final class CommandApi implements AutoCloseable {

    /** The body of every benchmark task: the built-in no-op executor, nothing to carry. */
    static final String NOOP_TASK = "{\"type\":\"noop\",\"payload\":{}}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final AdminClient admin;
    private final ExecutorService executor;
    private final HttpClient http;

    public CommandApi(String baseUrl, AdminClient admin) {
        this.baseUrl = baseUrl;
        this.admin = admin;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "bench-http-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** A created task (or a refused request: {@code taskId} null, {@code status} the HTTP status or -1). */
    public record Created(String taskId, int status, long sentNanos, long answeredNanos, long sentEpochMillis) {
        public boolean ok() {
            return taskId != null;
        }

        public double latencyMs() {
            return (answeredNanos - sentNanos) / 1e6;
        }
    }

    /** Submits one {@code noop} task; never completes exceptionally (failures come back as not {@link Created#ok}). */
    public CompletableFuture<Created> createNoopTask() {
        HttpRequest request = post("/api/v1/tasks", NOOP_TASK);
        long sentEpoch = System.currentTimeMillis();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    long answered = System.nanoTime();
                    if (failure != null) {
                        return new Created(null, -1, sent, answered, sentEpoch);
                    }
                    if (response.statusCode() != 202) {
                        return new Created(null, response.statusCode(), sent, answered, sentEpoch);
                    }
                    return new Created(taskId(response.body()), 202, sent, answered, sentEpoch);
                });
    }

    /**
     * Submits {@code count} {@code noop} tasks in one {@code POST /api/v1/tasks:batch}; one {@link Created} per task
     * taken (all with the request's times), none when the request failed.
     */
    public CompletableFuture<List<Created>> createNoopTasks(int count) {
        String body = "{\"tasks\":[" + String.join(",", Collections.nCopies(count, NOOP_TASK)) + "]}";
        HttpRequest request = post("/api/v1/tasks:batch", body);
        long sentEpoch = System.currentTimeMillis();
        long sent = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    long answered = System.nanoTime();
                    if (failure != null || response.statusCode() != 200) {
                        return List.<Created>of();
                    }
                    List<Created> created = new ArrayList<>(count);
                    try {
                        for (JsonNode result : JSON.readTree(response.body()).path("results")) {
                            if (result.path("status").asInt() == 202) {
                                created.add(new Created(result.path("taskId").asText(), 202, sent, answered,
                                        sentEpoch));
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return created;
                });
    }

    /** A POST of JSON with the admin's token. */
    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + admin.accessToken())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static String taskId(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node.path("taskId").asText(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
