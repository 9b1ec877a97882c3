package io.aviary.agent.executor.builtin;

import com.sun.net.httpserver.HttpServer;
import io.aviary.agent.AgentJson;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.aviary.agent.executor.builtin.BuiltInExecutorsTest.context;
import static org.assertj.core.api.Assertions.assertThat;

class HttpExecutorTest {

    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpExecutor http = new HttpExecutor(List.of("localhost", "127.0.0.1"), AgentJson.newMapper());

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + " " + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 200, "hello");
        });
        server.createContext("/broken", exchange -> respond(exchange, 500, "boom"));
        server.createContext("/big", exchange -> respond(exchange, 200, "x".repeat(HttpExecutor.MAX_BODY_CHARS * 2)));
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aTwoHundredIsASuccessWithStatusAndBody() throws Exception {
        ExecutionResult result = http.execute(context("http", 1, Map.of("url", url("/ok"))));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.output()).containsEntry("status", 200).containsEntry("body", "hello");
        assertThat(received).singleElement().asString().startsWith("GET");
    }

    @Test
    void aJsonBodyIsPostedAsJson() throws Exception {
        ExecutionResult result = http.execute(context("http", 1,
                Map.of("method", "post", "url", url("/ok"), "body", Map.of("greeting", "hi"))));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(received).containsExactly("POST application/json {\"greeting\":\"hi\"}");
    }

    @Test
    void aServerErrorIsAFailureThatKeepsTheAnswer() throws Exception {
        ExecutionResult result = http.execute(context("http", 1, Map.of("url", url("/broken"))));

        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).contains("HTTP 500");
        assertThat(result.output()).containsEntry("status", 500).containsEntry("body", "boom");
    }

    @Test
    void aLongBodyIsTruncated() throws Exception {
        ExecutionResult result = http.execute(context("http", 1, Map.of("url", url("/big"))));

        assertThat((String) result.output().get("body")).hasSize(HttpExecutor.MAX_BODY_CHARS + 1).endsWith("…");
    }

    @Test
    void aHostOutsideTheAllowListIsRefusedWithoutACall() throws Exception {
        // given an agent allowed to call only 127.0.0.1, and the same server reachable as "localhost"
        HttpExecutor strict = new HttpExecutor(List.of("127.0.0.1"), AgentJson.newMapper());
        String viaOtherName = "http://localhost:" + server.getAddress().getPort() + "/ok";

        // when a task asks for the other name
        ExecutionResult result = strict.execute(context("http", 1, Map.of("url", viaOtherName)));

        // then it fails with a clear message, and the server saw nothing
        assertThat(result.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(result.message()).contains("'localhost'", "allow-list");
        assertThat(received).isEmpty();
    }

    @Test
    void aMissingOrNonHttpUrlIsAFailure() throws Exception {
        assertThat(http.execute(context("http", 1, Map.of())).message()).contains("payload.url is required");
        assertThat(http.execute(context("http", 1, Map.of("url", "file:///etc/passwd"))).message())
                .contains("only http and https");
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
