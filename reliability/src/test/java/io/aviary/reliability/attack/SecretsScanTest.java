package io.aviary.reliability.attack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.aviary.events.user.Role;
import io.aviary.infra.EmbeddedStack;
import io.aviary.reliability.Figures;
import io.aviary.reliability.ReliabilityPlatform;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a full run (users with known passwords, logins, refreshes, a logout, enrolments, agent tokens, tasks run by
 * the agents, a webhook AREA whose reaction calls out with a stored connection's secret, a delivery, a secret
 * rotation), no password, access token, refresh token, agent secret, enrolment token, webhook secret or connection
 * secret used in this JVM is anywhere: event store and every other table, {@code aviary.events} (values and
 * headers), every Mongo collection, every app log. The agents' own access tokens (taken from their heartbeats, where
 * they belong) are looked for as well. Runs last, so that it also sees what every other test of the JVM left behind.
 * <p>
 * The scanner proves it can find things: a marker put into a task payload must be found in the event store, the topic
 * and the read models, and the scan agent's name in the command side's log.
 */
@Order(Integer.MAX_VALUE)
class SecretsScanTest {

    @Test
    void no_secret_used_in_a_full_run_is_in_any_event_record_document_or_log_line() throws Exception {
        ReliabilityPlatform platform = ReliabilityPlatform.get();
        Attackers attackers = Attackers.get();
        String run = UUID.randomUUID().toString().substring(0, 8);

        // given a full run: a user's whole session ...
        String password = "scan-pw-" + UUID.randomUUID();
        KnownSecrets.add("scanned user's password", password);
        attackers.createUser("attack-scan-" + run, password, Role.MANAGER, Role.WORKER);
        JsonNode login = attackers.login("attack-scan-" + run, password);
        record(login, "scanned user's login");
        JsonNode refreshed = refresh(login.path("refreshToken").asText());
        record(refreshed, "scanned user's first refresh");
        JsonNode again = refresh(refreshed.path("refreshToken").asText());
        record(again, "scanned user's second refresh");
        assertThat(Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/logout",
                Map.of("refreshToken", again.path("refreshToken").asText()), List.of()).status()).isEqualTo(204);
        // ... an agent enrolled, then signing in with its secret ...
        FakeAgent agent = FakeAgent.enrol(platform, "attack-scan-agent-" + run, "attack-scan-hw-" + run);
        RawHttp.Response agentToken = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/agents/token",
                Map.of("workerId", agent.workerId(), "agentSecret", agent.agentSecret(),
                        "hardwareId", agent.hardwareId()), agent.headers());
        assertThat(agentToken.status()).as(agentToken.abbreviated()).isEqualTo(200);
        KnownSecrets.add("scan agent's second access token", agentToken.json().path("accessToken").asText());
        // ... tasks run by the agents (one carrying a marker the scanner must find) ...
        String marker = "scan-marker-" + UUID.randomUUID();
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RawHttp.Response task = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/tasks",
                    Map.of("type", "noop", "payload", Map.of("n", i, "marker", marker)), RawHttp.headers("Authorization",
                            "Bearer " + login.path("accessToken").asText()));
            assertThat(task.status()).as(task.abbreviated()).isEqualTo(202);
            tasks.add(task.json().path("taskId").asText());
        }
        // ... and a webhook AREA whose reaction posts to a service with a stored connection's secret
        Set<String> authorizations = ConcurrentHashMap.newKeySet();
        HttpServer service = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        service.createContext("/hook", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        service.start();
        try {
            String connectionSecret = "scan-connection-secret-" + UUID.randomUUID();
            KnownSecrets.add("connection secret", connectionSecret);
            RawHttp.Response connection = Calls.command(InetAddress.getLoopbackAddress(), "POST",
                    "/api/v1/connections", Map.of("name", "attack-scan-" + run, "type", "bearer",
                            "token", connectionSecret), attackers.as(Role.ADMIN).headers());
            assertThat(connection.status()).as(connection.abbreviated()).isBetween(200, 299);
            LimitsTest.Webhook hook = createHook(attackers, run, service.getAddress().getPort());
            RawHttp.Response delivered = hook.deliver("{\"n\":42}");
            assertThat(delivered.status()).as(delivered.abbreviated()).isEqualTo(202);
            await("the reaction calling the service with the connection's secret").atMost(Duration.ofSeconds(90))
                    .until(() -> authorizations.contains("Bearer " + connectionSecret));
            RawHttp.Response rotated = Calls.command(InetAddress.getLoopbackAddress(), "POST",
                    "/api/v1/areas/" + hook.areaId() + "/webhook/rotate", null, attackers.as(Role.ADMIN).headers());
            assertThat(rotated.status()).as(rotated.abbreviated()).isBetween(200, 299);
            KnownSecrets.add("rotated webhook secret", rotated.json().path("secret").asText());
            KnownSecrets.add("rotated webhook secret", rotated.json().path("webhook").path("secret").asText());
        } finally {
            service.stop(0);
        }
        await("the tasks done").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> tasks.stream().allMatch(id -> "COMPLETED".equals(Calls.query("/api/v1/tasks/" + id,
                        attackers.as(Role.ADMIN).headers()).json().path("status").asText())));
        heartbeatTokens().forEach(token -> KnownSecrets.add("an agent's access token (from its heartbeat)", token));
        PlatformState.quiet(Duration.ofSeconds(3), Duration.ofMinutes(2));

        // when everything is scanned for every secret used in this JVM
        Map<String, String> secrets = KnownSecrets.all();
        SecretScanner.Report report = new SecretScanner(secrets).scanAll(platform.logDir());

        // then none is anywhere
        Figures figures = Figures.of("attack: secrets scan").put("secrets", secrets.size())
                .put("needles", report.needles).put("hits", report.hits.size());
        report.scanned.forEach(figures::put);
        figures.report();
        assertThat(report.hits).as("secrets found").isEmpty();
        // and the same scan finds what is meant to be there
        SecretScanner.Report control = new SecretScanner(Map.of(marker, "marker", agent.name(), "agent name"))
                .scanAll(platform.logDir());
        assertThat(control.hits).contains("marker in PostgreSQL table domainevententry",
                "marker in Kafka topic aviary.events", "marker in Mongo aviary.tasks", "agent name in log command-side.log");
        assertThat(secrets.values()).as("kinds of secret looked for").contains("connection secret",
                "scanned user's password", "rotated webhook secret");
    }

    private static LimitsTest.Webhook createHook(Attackers attackers, String run, int servicePort) {
        Map<String, Object> area = new LinkedHashMap<>();
        area.put("name", "attack-scan-" + run);
        area.put("action", Map.of("service", "attack", "type", "webhook.received"));
        area.put("trigger", Map.of("kind", "WEBHOOK"));
        area.put("reactions", List.of(
                Map.of("type", "http.post", "connection", "attack-scan-" + run,
                        "params", Map.of("url", "http://127.0.0.1:" + servicePort + "/hook",
                                "body", "delivery {{payload.n}}")),
                Map.of("type", "log", "params", Map.of("message", "delivery {{payload.n}}"))));
        RawHttp.Response created = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/areas", area,
                attackers.as(Role.ADMIN).headers());
        assertThat(created.status()).as(created.abbreviated()).isEqualTo(202);
        JsonNode webhook = created.json().path("webhook");
        KnownSecrets.add("webhook secret", webhook.path("secret").asText());
        return new LimitsTest.Webhook(created.json().path("areaId").asText(), webhook.path("url").asText(),
                webhook.path("secret").asText());
    }

    private static JsonNode refresh(String refreshToken) {
        RawHttp.Response answer = Calls.command(InetAddress.getLoopbackAddress(), "POST", "/api/v1/auth/refresh",
                Map.of("refreshToken", refreshToken), List.of());
        assertThat(answer.status()).as(answer.abbreviated()).isEqualTo(200);
        return answer.json();
    }

    private static void record(JsonNode pair, String what) {
        KnownSecrets.add(what + ": access token", pair.path("accessToken").asText());
        KnownSecrets.add(what + ": refresh token", pair.path("refreshToken").asText());
    }

    /** The access tokens the agents put on their heartbeats (header {@code authorization}). */
    private static Set<String> heartbeatTokens() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedStack.shared().kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Set<String> tokens = new java.util.HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor("aviary.worker-liveness", Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header header = record.headers().lastHeader("authorization");
                    if (header != null) {
                        String value = new String(header.value(), StandardCharsets.UTF_8);
                        tokens.add(value.startsWith("Bearer ") ? value.substring(7) : value);
                    }
                }
            }
        }
        return tokens;
    }
}
