package io.aviary.agent.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aviary.events.worker.WorkerIds;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command API as the agent sees it, served by the JDK's HTTP server on localhost: the command side is another
 * application, so its three endpoints are faked here (Kafka is real in the tests that use this). Records every call;
 * answers 202 unless a test scripts another status for a task.
 */
public final class FakeCommandApi implements AutoCloseable {

    private static final Pattern TASK_REPORT = Pattern.compile("^/api/v1/tasks/([^/]+)/(start|complete)$");

    /** One report received. */
    public record Report(String taskId, String workerId, int attempt, String outcome, JsonNode output,
                         String message) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
    private final List<Report> starts = new CopyOnWriteArrayList<>();
    private final List<Report> completes = new CopyOnWriteArrayList<>();
    private final Map<String, IntSupplier> startStatus = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> completeStatus = new ConcurrentHashMap<>();
    private volatile int registrationStatus = 202;

    public FakeCommandApi() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Answer registrations with this status (202 by default; 409 = name bound to other hardware). */
    public void answerRegistrationWith(int status) {
        registrationStatus = status;
    }

    /** Answer start reports of this task with the status the supplier gives. */
    public void answerStartWith(String taskId, IntSupplier status) {
        startStatus.put(taskId, status);
    }

    /** Answer complete reports of this task with the status the supplier gives. */
    public void answerCompleteWith(String taskId, IntSupplier status) {
        completeStatus.put(taskId, status);
    }

    public List<JsonNode> registrations() {
        return List.copyOf(registrations);
    }

    public List<Report> starts(String taskId) {
        return starts.stream().filter(r -> r.taskId().equals(taskId)).toList();
    }

    public List<Report> completes(String taskId) {
        return completes.stream().filter(r -> r.taskId().equals(taskId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "{}");
                return;
            }
            if (path.equals("/api/v1/workers")) {
                registrations.add(body);
                int status = registrationStatus;
                respond(exchange, status, status == 202
                        ? "{\"workerId\":\"" + WorkerIds.forName(body.path("name").asText()) + "\"}"
                        : "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"name is bound to another hardware id\"}");
                return;
            }
            Matcher report = TASK_REPORT.matcher(path);
            if (report.matches()) {
                String taskId = report.group(1);
                boolean start = report.group(2).equals("start");
                Report received = new Report(taskId, body.path("workerId").asText(), body.path("attempt").asInt(),
                        body.path("outcome").asText(null), body.get("output"), body.path("message").asText(null));
                (start ? starts : completes).add(received);
                IntSupplier status = (start ? startStatus : completeStatus).getOrDefault(taskId, () -> 202);
                int answer = status.getAsInt();
                respond(exchange, answer, answer == 202 ? "{}"
                        : "{\"type\":\"about:blank\",\"status\":" + answer + ",\"detail\":\"scripted\"}");
                return;
            }
            respond(exchange, 404, "{}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status / 100 == 2 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
