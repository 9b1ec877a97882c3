package io.aviary.command.metrics;

import io.aviary.command.CommandSideIntegrationTest;
import io.aviary.command.support.Heartbeats;
import io.aviary.command.support.TestApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/prometheus} of the running command side, read without a token (as Prometheus does): the domain
 * meters move when a task is assigned, and Axon's (trimmed) and the Kafka clients' meters are there.
 */
class PrometheusScrapeIntegrationTest extends CommandSideIntegrationTest {

    @Autowired
    private TestRestTemplate http;

    @Test
    void an_assignment_moves_the_dispatch_and_account_meters_and_processor_lag_and_kafka_meters_are_exposed() {
        // given a registered, heart-beating worker for a task type of its own, and the meters as they are now
        TestApi api = api();
        TestApi.Agent agent = api.enrolAgent();
        String type = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Double> after;
        try (Heartbeats heartbeats = new Heartbeats().beat(agent)) {
            assertThat(api.registerWorker(agent, type).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            Map<String, Double> before = scrape();

            // when a task of that type is submitted
            assertThat(api.post("/api/v1/tasks", Map.of("type", type, "payload", Map.of()), api.adminToken())
                    .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

            // then the dispatcher counted the assignment and timed its wait, and accounting booked the fee
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<String, Double> now = scrape();
                assertThat(total(now, "aviary_tasks_dispatched_total"))
                        .isGreaterThan(total(before, "aviary_tasks_dispatched_total"));
                assertThat(total(now, "aviary_dispatch_latency_seconds_count"))
                        .isGreaterThan(total(before, "aviary_dispatch_latency_seconds_count"));
                assertThat(total(now, "aviary_account_movements_total", "kind=\"charge\""))
                        .isGreaterThan(total(before, "aviary_account_movements_total", "kind=\"charge\""));
            });
            after = scrape();
        }
        assertThat(total(after, "aviary_workers", "state=\"AVAILABLE\"")
                + total(after, "aviary_workers", "state=\"WORKING\"")).as("workers up").isPositive();
        assertThat(after.keySet()).as("one series per state, status, bucket")
                .anyMatch(name -> name.startsWith("aviary_queue_depth"))
                .anyMatch(name -> name.startsWith("aviary_tasks_waiting_without_worker"))
                .anyMatch(name -> name.startsWith("aviary_workers{") && name.contains("state=\"DOWN\""))
                .anyMatch(name -> name.startsWith("aviary_area_executions_total{")
                        && name.contains("status=\"SUCCEEDED\""))
                .anyMatch(name -> name.startsWith("aviary_dispatch_latency_seconds_bucket{")
                        && name.contains("le=\"0.1\""));
        assertThat(after.keySet()).as("a lag gauge per event processor")
                .anyMatch(name -> name.startsWith("aviary_processor_lag_events{")
                        && name.contains("processor=\"dispatcher\""))
                .anyMatch(name -> name.startsWith("aviary_processor_lag_events{")
                        && name.contains("processor=\"accounting\""));
        assertThat(after.keySet()).as("no per-message Axon monitors (ADR 16)")
                .noneMatch(name -> name.startsWith("eventProcessor_") || name.startsWith("commandBus_")
                        || name.startsWith("eventStore_") || name.startsWith("eventBus_"));
        assertThat(after.keySet()).as("Kafka client meters")
                .anyMatch(name -> name.startsWith("kafka_producer_"))
                .anyMatch(name -> name.startsWith("kafka_consumer_"));
    }

    /** Samples of the Prometheus text format: {@code name{labels}} -> value, labels as exposed. */
    private Map<String, Double> scrape() {
        ResponseEntity<String> answer = http.getForEntity("/actuator/prometheus", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Double> samples = new HashMap<>();
        for (String line : answer.getBody().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            samples.put(line.substring(0, split), Double.parseDouble(line.substring(split + 1)));
        }
        return samples;
    }

    /** The sum of every series of {@code name}. */
    private static double total(Map<String, Double> samples, String name) {
        return total(samples, name, "");
    }

    /** The sum of every series of {@code name} whose labels contain {@code labels}, e.g. {@code kind="charge"}. */
    private static double total(Map<String, Double> samples, String name, String labels) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .filter(e -> e.getKey().contains(labels))
                .mapToDouble(Map.Entry::getValue).sum();
    }
}
