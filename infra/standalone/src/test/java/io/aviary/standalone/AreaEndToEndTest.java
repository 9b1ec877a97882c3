package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** AREA automations on the running platform: a cron AREA, a webhook AREA and an http.poll AREA, run by agents. */
class AreaEndToEndTest {

    private static final Duration LONG = Duration.ofSeconds(90);
    private static final Map<String, Object> RETRY = Map.of("maxAttempts", 2, "initialBackoffMs", 200,
            "multiplier", 2, "maxBackoffMs", 1000);

    @Test
    void aCronAreaEverySecondRunsItsReactionsWhoseConditionHolds() {
        // given an AREA ticking every second with an unconditional and a never-true reaction
        String areaId = create(Map.of("name", "every second " + UUID.randomUUID(),
                "action", Map.of("service", "clock", "type", "timer.tick"),
                "trigger", Map.of("kind", "CRON", "cron", "* * * * * *", "zone", "UTC", "misfire", "SKIP"),
                "reactions", List.of(
                        Map.of("type", "log", "params", Map.of("message", "tick {{output.firedAt}}"),
                                "condition", "true"),
                        Map.of("type", "log", "params", Map.of("message", "never"), "condition", "false")),
                "retryPolicy", RETRY)).path("areaId").asText();

        // when it runs for a few seconds
        List<JsonNode> done = await().atMost(LONG).until(() -> completed(areaId), list -> list.size() >= 3);
        pause(areaId);

        // then each execution ran the first reaction and skipped the second
        assertThat(done).allSatisfy(execution -> {
            assertThat(execution.path("source").asText()).isEqualTo("CRON");
            assertThat(execution.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(execution.path("action").path("triggered").asBoolean()).isTrue();
            JsonNode first = reaction(execution, 0);
            assertThat(first.path("conditionHeld").asBoolean()).isTrue();
            assertThat(first.path("status").asText()).isEqualTo("SUCCEEDED");
            JsonNode second = reaction(execution, 1);
            assertThat(second.path("conditionHeld").asBoolean()).isFalse();
            assertThat(second.path("status").asText()).isEqualTo("SKIPPED");
        });
        // and no two executions share a scheduled instant (fire-once)
        assertThat(done).extracting(e -> e.path("scheduledFor").asText()).doesNotHaveDuplicates();
    }

    @Test
    void aSignedWebhookFiresItsAreaOnceEvenWhenTheSenderRetries() {
        // given a webhook AREA whose reaction only holds for pushes to main
        JsonNode created = create(Map.of("name", "deploys " + UUID.randomUUID(),
                "action", Map.of("service", "github", "type", "webhook.received"),
                "trigger", Map.of("kind", "WEBHOOK"),
                "reactions", List.of(Map.of("type", "log", "params", Map.of("message", "push to {{payload.ref}}"),
                        "condition", "output.payload.ref == 'refs/heads/main'")),
                "retryPolicy", RETRY));
        String areaId = created.path("areaId").asText();
        String url = created.path("webhook").path("url").asText();
        String secret = created.path("webhook").path("secret").asText();
        String body = "{\"ref\":\"refs/heads/main\",\"commits\":2}";

        // when the sender posts a signed delivery, then retries it, and a stranger posts a bad signature
        String delivery = UUID.randomUUID().toString();
        assertThat(postWebhook(url, body, "sha256=" + hmac(secret, body), delivery)).isEqualTo(202);
        assertThat(postWebhook(url, body, "sha256=" + hmac(secret, body), delivery)).isEqualTo(202);
        assertThat(postWebhook(url, body, "sha256=" + hmac("not-the-secret", body), UUID.randomUUID().toString()))
                .isEqualTo(401);

        // then exactly one execution ran, from the webhook, with its reaction
        List<JsonNode> done = await().atMost(LONG).until(() -> completed(areaId), list -> !list.isEmpty());
        assertThat(done).singleElement().satisfies(execution -> {
            assertThat(execution.path("source").asText()).isEqualTo("WEBHOOK");
            assertThat(execution.path("deliveryId").asText()).isEqualTo(delivery);
            assertThat(execution.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(reaction(execution, 0).path("conditionHeld").asBoolean()).isTrue();
        });
        JsonNode deliveries = TestPlatform.get(TestPlatform.get().queryUrl() + "/api/v1/areas/" + areaId
                + "/deliveries");
        assertThat(deliveries.path("items")).hasSize(1);
    }

    @Test
    void anHttpPollAreaTriggersOnlyWhenTheResponseChanges() throws IOException {
        // given a local HTTP service and an AREA polling it every second
        AtomicReference<String> content = new AtomicReference<>("version 1");
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/status", exchange -> {
            byte[] bytes = content.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        try {
            String areaId = create(Map.of("name", "poll " + UUID.randomUUID(),
                    "action", Map.of("service", "status-page", "type", "http.poll", "params",
                            Map.of("url", "http://localhost:" + server.getAddress().getPort() + "/status")),
                    "trigger", Map.of("kind", "INTERVAL", "intervalMs", 1000, "misfire", "SKIP"),
                    "reactions", List.of(Map.of("type", "log", "params", Map.of("message", "changed"))),
                    "retryPolicy", RETRY)).path("areaId").asText();

            // when the response stays the same for a few polls
            await().atMost(LONG).until(() -> completed(areaId), list -> list.size() >= 3);
            // and then changes
            content.set("version 2");
            List<JsonNode> done = await().atMost(LONG).until(() -> completed(areaId),
                    list -> list.stream().filter(AreaEndToEndTest::triggered).count() >= 2);
            pause(areaId);

            // then the first poll and the poll after the change triggered, and the polls in between did not
            List<JsonNode> inOrder = new ArrayList<>(done);
            inOrder.sort((a, b) -> Long.compare(a.path("number").asLong(), b.path("number").asLong()));
            assertThat(triggered(inOrder.get(0))).isTrue();
            assertThat(inOrder.subList(1, inOrder.size()).stream().filter(AreaEndToEndTest::triggered).count())
                    .isEqualTo(1);
            assertThat(inOrder.get(1).path("status").asText()).isEqualTo("NOT_TRIGGERED");
            assertThat(inOrder).filteredOn(AreaEndToEndTest::triggered)
                    .allSatisfy(e -> assertThat(reaction(e, 0).path("status").asText()).isEqualTo("SUCCEEDED"));
        } finally {
            server.stop(0);
        }
    }

    private static JsonNode create(Map<String, Object> definition) {
        return TestPlatform.post(TestPlatform.get().commandUrl() + "/api/v1/areas", definition);
    }

    private static void pause(String areaId) {
        TestPlatform.post(TestPlatform.get().commandUrl() + "/api/v1/areas/" + areaId + "/pause", Map.of());
    }

    /** Executions of the AREA that have ended, as the query side shows them. */
    private static List<JsonNode> completed(String areaId) {
        JsonNode page = TestPlatform.get(TestPlatform.get().queryUrl() + "/api/v1/areas/" + areaId
                + "/executions?size=100");
        List<JsonNode> done = new ArrayList<>();
        page.path("items").forEach(execution -> {
            if (!execution.path("completedAt").isNull() && !execution.path("completedAt").isMissingNode()) {
                done.add(execution);
            }
        });
        return done;
    }

    private static boolean triggered(JsonNode execution) {
        return execution.path("action").path("triggered").asBoolean();
    }

    private static JsonNode reaction(JsonNode execution, int index) {
        for (JsonNode reaction : execution.path("reactions")) {
            if (reaction.path("index").asInt() == index) {
                return reaction;
            }
        }
        throw new AssertionError("no reaction " + index + " in " + execution);
    }

    private static int postWebhook(String url, String body, String signature, String delivery) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("X-Aviary-Signature", signature)
                    .header("X-Aviary-Delivery", delivery)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
