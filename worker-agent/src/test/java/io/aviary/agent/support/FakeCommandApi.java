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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command API as the agent sees it, served by the JDK's HTTP server on localhost: the command side is another
 * application, so its endpoints are faked here (Kafka is real in the tests that use this). Like the real one it
 * enrols agents with one-time enrolment tokens, issues access tokens with a lifetime, and refuses a worker or task
 * call without a live token (401) or with a hardware id other than the token's (403), so a test that passes proves
 * the agent sends both headers. Records every call; reports (one by one or in a batch, {@code reports:batch}) are
 * answered 202 unless a test scripts another status.
 * Connection secrets ({@code GET /api/v1/connections/{name}/secret}) are answered for connections a test added.
 */
public final class FakeCommandApi implements AutoCloseable {

    private static final Pattern TASK_REPORT = Pattern.compile("^/api/v1/tasks/([^/]+)/(start|complete)$");
    private static final String HARDWARE_HEADER = "X-Aviary-Hardware-Id";
    private static final Pattern CONNECTION_SECRET = Pattern.compile("^/api/v1/connections/([^/]+)/secret$");

    /** One report received. */
    public record Report(String taskId, String workerId, int attempt, String outcome, JsonNode output,
                         String message) {
    }

    /** An access token this fake issued. */
    public record Issued(String token, String workerId, String hardwareId, Instant issuedAt, Instant expiresAt) {

        public boolean validAt(Instant at) {
            return !at.isBefore(issuedAt) && at.isBefore(expiresAt);
        }
    }

    private record Enrolled(String secret, String hardwareId) {
    }

    /** One connection look-up: the name asked for and the access token it carried. */
    public record SecretRequest(String name, String token, String workerId) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final List<JsonNode> registrations = new CopyOnWriteArrayList<>();
    private final List<Report> starts = new CopyOnWriteArrayList<>();
    private final List<Report> completes = new CopyOnWriteArrayList<>();
    private final Map<String, IntSupplier> startStatus = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> completeStatus = new ConcurrentHashMap<>();
    private final Set<String> enrolmentTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, Enrolled> agents = new ConcurrentHashMap<>();
    private final List<Issued> issued = new CopyOnWriteArrayList<>();
    private final AtomicInteger enrolments = new AtomicInteger();
    private final AtomicInteger reportBatches = new AtomicInteger();
    private final Map<String, String> connections = new ConcurrentHashMap<>();
    private final List<SecretRequest> secretRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger unauthorized = new AtomicInteger();
    private final AtomicInteger forbidden = new AtomicInteger();
    private volatile int registrationStatus = 202;
    private volatile Duration tokenLifetime = Duration.ofMinutes(15);
    private volatile Instant revokedBefore = Instant.EPOCH;

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

    /** A new one-time enrolment token, as an admin would create one. */
    public String issueEnrolmentToken() {
        String token = "enrol-" + UUID.randomUUID();
        enrolmentTokens.add(token);
        return token;
    }

    /** Lifetime ({@code expiresIn}) of access tokens issued from now on. */
    public void issueTokensFor(Duration lifetime) {
        tokenLifetime = lifetime;
    }

    /** Every access token issued so far stops working (as if the command side's key were withdrawn). */
    public void revokeIssuedTokens() {
        revokedBefore = Instant.now();
    }

    /** Answer registrations with this status (202 by default; 409 = name bound to other hardware). */
    public void answerRegistrationWith(int status) {
        registrationStatus = status;
    }

    /** Requests to the batch report endpoint so far (the agent sends every report through it). */
    public int reportBatches() {
        return reportBatches.get();
    }

    /** Answer start reports of this task with the status the supplier gives. */
    public void answerStartWith(String taskId, IntSupplier status) {
        startStatus.put(taskId, status);
    }

    /** Answer complete reports of this task with the status the supplier gives. */
    public void answerCompleteWith(String taskId, IntSupplier status) {
        completeStatus.put(taskId, status);
    }

    /** A bearer connection the secret endpoint answers for (as the command side decrypts it for an agent). */
    public void addBearerConnection(String name, String token) {
        connections.put(name, json.createObjectNode().put("name", name).put("type", "bearer").put("token", token)
                .toString());
    }

    /** A basic-auth connection the secret endpoint answers for. */
    public void addBasicConnection(String name, String username, String password) {
        connections.put(name, json.createObjectNode().put("name", name).put("type", "basic")
                .put("username", username).put("password", password).toString());
    }

    /** Connection look-ups that carried a live token, in order. */
    public List<SecretRequest> secretRequests() {
        return List.copyOf(secretRequests);
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

    /** Successful enrolments. */
    public int enrolments() {
        return enrolments.get();
    }

    /** Access tokens issued (by enrolments and token requests), oldest first. */
    public List<Issued> issuedTokens() {
        return List.copyOf(issued);
    }

    public Optional<Issued> issued(String token) {
        return issued.stream().filter(i -> i.token().equals(token)).findFirst();
    }

    /** Worker and task calls refused for a missing, unknown or expired token. */
    public int unauthorizedCalls() {
        return unauthorized.get();
    }

    /** Worker and task calls refused for a hardware id other than the token's. */
    public int forbiddenCalls() {
        return forbidden.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            Matcher secret = CONNECTION_SECRET.matcher(path);
            if (exchange.getRequestMethod().equals("GET") && secret.matches()) {
                Optional<Issued> caller = authorize(exchange);
                if (caller.isPresent()) {
                    connectionSecret(exchange, secret.group(1), caller.get());
                }
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "{}");
                return;
            }
            switch (path) {
                case "/api/v1/agents/enrol" -> enrol(exchange, body);
                case "/api/v1/agents/token" -> token(exchange, body);
                default -> {
                    Optional<Issued> caller = authorize(exchange);
                    if (caller.isPresent()) {
                        workerOrTask(exchange, path, body);
                    }
                }
            }
        }
    }

    private void enrol(HttpExchange exchange, JsonNode body) throws IOException {
        String hardwareId = body.path("hardwareId").asText();
        if (!hardwareId.equals(exchange.getRequestHeaders().getFirst(HARDWARE_HEADER))) {
            problem(exchange, 400, "X-Aviary-Hardware-Id must name the enrolling hardware");
            return;
        }
        if (!enrolmentTokens.remove(body.path("enrolmentToken").asText())) {
            problem(exchange, 401, "unknown, spent or expired enrolment token");
            return;
        }
        String workerId = WorkerIds.forName(body.path("name").asText());
        String secret = "secret-" + UUID.randomUUID();
        agents.put(workerId, new Enrolled(secret, hardwareId));
        enrolments.incrementAndGet();
        Issued token = issue(workerId, hardwareId);
        respond(exchange, 200, json.createObjectNode().put("workerId", workerId).put("agentSecret", secret)
                .put("accessToken", token.token()).put("expiresIn", lifetimeSeconds()).put("tokenType", "Bearer")
                .toString());
    }

    private void token(HttpExchange exchange, JsonNode body) throws IOException {
        Enrolled agent = agents.get(body.path("workerId").asText());
        if (agent == null || !agent.secret().equals(body.path("agentSecret").asText())) {
            problem(exchange, 401, "unknown agent or wrong secret");
            return;
        }
        if (!agent.hardwareId().equals(body.path("hardwareId").asText())) {
            problem(exchange, 403, "hardware id differs from the enrolled one");
            return;
        }
        Issued token = issue(body.path("workerId").asText(), agent.hardwareId());
        respond(exchange, 200, json.createObjectNode().put("accessToken", token.token())
                .put("expiresIn", lifetimeSeconds()).put("tokenType", "Bearer").toString());
    }

    /** The caller's live token, or empty after answering 401/403. */
    private Optional<Issued> authorize(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        Instant now = Instant.now();
        Optional<Issued> token = header != null && header.startsWith("Bearer ")
                ? issued(header.substring("Bearer ".length())) : Optional.empty();
        if (token.isEmpty() || !token.get().validAt(now) || token.get().issuedAt().isBefore(revokedBefore)) {
            unauthorized.incrementAndGet();
            problem(exchange, 401, token.isEmpty() ? "bearer token missing or unknown" : "token expired or revoked");
            return Optional.empty();
        }
        if (!token.get().hardwareId().equals(exchange.getRequestHeaders().getFirst(HARDWARE_HEADER))) {
            forbidden.incrementAndGet();
            problem(exchange, 403, "X-Aviary-Hardware-Id differs from the token's hardware id");
            return Optional.empty();
        }
        return token;
    }

    private void workerOrTask(HttpExchange exchange, String path, JsonNode body) throws IOException {
        if (path.equals("/api/v1/workers")) {
            registrations.add(body);
            int status = registrationStatus;
            if (status == 202) {
                respond(exchange, 202, "{\"workerId\":\"" + WorkerIds.forName(body.path("name").asText()) + "\"}");
            } else {
                problem(exchange, status, "name is bound to another hardware id");
            }
            return;
        }
        if (path.equals("/api/v1/tasks/reports:batch")) {
            reportBatches.incrementAndGet();
            StringBuilder results = new StringBuilder("{\"results\":[");
            int index = 0;
            for (JsonNode item : body.path("reports")) {
                boolean start = item.path("kind").asText().equals("START");
                int answer = record(item.path("taskId").asText(), start, item);
                results.append(index == 0 ? "" : ",").append("{\"index\":").append(index++)
                        .append(",\"status\":").append(answer).append(answer == 202 ? "" : ",\"detail\":\"scripted\"")
                        .append('}');
            }
            respond(exchange, 200, results.append("]}").toString());
            return;
        }
        Matcher report = TASK_REPORT.matcher(path);
        if (report.matches()) {
            int answer = record(report.group(1), report.group(2).equals("start"), body);
            if (answer == 202) {
                respond(exchange, 202, "{}");
            } else {
                problem(exchange, answer, "scripted");
            }
            return;
        }
        respond(exchange, 404, "{}");
    }

    /** Records one report (single or in a batch) and gives the status scripted for it. */
    private int record(String taskId, boolean start, JsonNode body) {
        Report received = new Report(taskId, body.path("workerId").asText(), body.path("attempt").asInt(),
                body.path("outcome").asText(null), body.get("output"), body.path("message").asText(null));
        (start ? starts : completes).add(received);
        return (start ? startStatus : completeStatus).getOrDefault(taskId, () -> 202).getAsInt();
    }

    private void connectionSecret(HttpExchange exchange, String name, Issued caller) throws IOException {
        secretRequests.add(new SecretRequest(name, caller.token(), caller.workerId()));
        String answer = connections.get(name);
        if (answer == null) {
            problem(exchange, 404, "no connection named " + name);
        } else {
            respond(exchange, 200, answer);
        }
    }

    private Issued issue(String workerId, String hardwareId) {
        Instant now = Instant.now();
        Issued token = new Issued("jwt-" + UUID.randomUUID(), workerId, hardwareId, now, now.plus(tokenLifetime));
        issued.add(token);
        return token;
    }

    private double lifetimeSeconds() {
        return tokenLifetime.toMillis() / 1000.0;
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        respond(exchange, status, "{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
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
