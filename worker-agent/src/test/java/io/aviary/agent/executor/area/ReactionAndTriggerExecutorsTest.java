package io.aviary.agent.executor.area;

import ch.qos.logback.classic.Level;
import io.aviary.agent.AgentJson;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.agent.support.CapturedLog;
import io.aviary.events.task.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.aviary.agent.executor.area.AreaExecutors.context;
import static org.assertj.core.api.Assertions.assertThat;

class ReactionAndTriggerExecutorsTest {

    private static final Map<String, Object> ACTION_OUTPUT = Map.of("status", 200, "bodyHash", "ab12",
            "items", List.of(Map.of("id", 7, "title", "first \"one\"")), "payload", Map.of("ref", "main"));

    @Test
    void taskCreateRendersTheNewTasksPayloadAndAsksTheOrchestratorToCreateIt() {
        // given a task.create reaction with a structured payload template
        Map<String, Object> payload = Map.of("type", "sleep",
                "payload", Map.of("millis", "{{output.items.0.id}}", "note", "hash {{output.bodyHash}} on {{payload.ref}}",
                        "missing", "{{output.nope}}"),
                "output", ACTION_OUTPUT);

        // when it runs
        ExecutionResult result = new TaskCreateExecutor(AgentJson.newMapper()).execute(context("task.create", payload));

        // then the output asks for that task, payload rendered (a whole placeholder keeps its type)
        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.output()).isEqualTo(Map.of("createTask", Map.of("type", "sleep",
                "payload", Map.of("millis", 7, "note", "hash ab12 on main", "missing", ""))));
    }

    @Test
    void taskCreateAcceptsJsonTextAndEscapesValuesIntoIt() {
        ExecutionResult result = new TaskCreateExecutor(AgentJson.newMapper()).execute(context("task.create",
                Map.of("type", "noop", "payload", "{\"title\": \"{{output.items.0.title}}\", \"n\": {{output.status}}}",
                        "output", ACTION_OUTPUT)));

        assertThat(result.output()).isEqualTo(Map.of("createTask", Map.of("type", "noop",
                "payload", Map.of("title", "first \"one\"", "n", 200))));
    }

    @Test
    void taskCreateWithoutATypeOrWithAPayloadThatIsNoObjectFails() {
        TaskCreateExecutor create = new TaskCreateExecutor(AgentJson.newMapper());

        assertThat(create.execute(context("task.create", Map.of("payload", Map.of()))).message())
                .contains("payload.type");
        assertThat(create.execute(context("task.create", Map.of("type", "noop", "payload", "[1, 2]"))).outcome())
                .isEqualTo(Outcome.FAILURE);
    }

    @Test
    void logWritesTheRenderedMessageAtInfoOnTheAreaLogger() {
        try (CapturedLog areaLog = CapturedLog.of("io.aviary.area", Level.INFO)) {
            // when a log reaction runs
            ExecutionResult result = new LogExecutor(AgentJson.newMapper()).execute(context("log",
                    Map.of("message", "status {{output.status}}, ref {{payload.ref}}{{output.nope}}",
                            "output", ACTION_OUTPUT)));

            // then the message is rendered, logged once at INFO on io.aviary.area, and is the output
            assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
            assertThat(result.output()).isEqualTo(Map.of("logged", "status 200, ref main"));
            assertThat(areaLog.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.INFO);
                assertThat(event.getLoggerName()).isEqualTo("io.aviary.area");
                assertThat(event.getFormattedMessage()).contains("status 200, ref main");
            });
        }
    }

    @Test
    void webhookReceivedIsTriggeredWithTheDeliveryPayload() {
        Map<String, Object> delivery = Map.of("deliveryId", "d-1", "payload", Map.of("ref", "main", "commits", 3));

        ExecutionResult result = new WebhookReceivedExecutor().execute(context("webhook.received",
                Map.of("delivery", delivery)));

        assertThat(result.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(result.output()).isEqualTo(Map.of("triggered", true,
                "payload", Map.of("ref", "main", "commits", 3)));
    }

    @Test
    void webhookReceivedWithoutADeliveryFails() {
        assertThat(new WebhookReceivedExecutor().execute(context("webhook.received", Map.of())).outcome())
                .isEqualTo(Outcome.FAILURE);
    }

    @Test
    void timerTickIsAlwaysTriggeredWithItsFireTime() {
        Clock clock = Clock.fixed(Instant.parse("2026-03-29T01:30:00Z"), ZoneOffset.UTC);
        TimerTickExecutor tick = new TimerTickExecutor(clock);

        assertThat(tick.execute(context("timer.tick", Map.of())).output())
                .isEqualTo(Map.of("triggered", true, "firedAt", "2026-03-29T01:30:00Z"));
        assertThat(tick.execute(context("timer.tick", Map.of("firedAt", "2026-03-29T01:00:00Z"))).output())
                .isEqualTo(Map.of("triggered", true, "firedAt", "2026-03-29T01:00:00Z"));
    }
}
