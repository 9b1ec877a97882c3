package io.aviary.command.area;

import io.aviary.command.area.AreaDefinitions.Definition;
import io.aviary.command.web.InvalidFieldsException;
import io.aviary.command.web.InvalidFieldsException.FieldProblem;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.RetryPolicy;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Definition checks beyond Bean Validation: each problem names its field; defaults are filled in. */
class AreaDefinitionsTest {

    private final AreaDefinitions definitions = new AreaDefinitions(Set.of("status-token")::contains);

    private static AreaRequest.Action tick() {
        return new AreaRequest.Action("clock", "timer.tick", null, null);
    }

    private static AreaRequest.Trigger cron(String cron, String zone) {
        return new AreaRequest.Trigger(TriggerKind.CRON, cron, zone, null, null);
    }

    private static AreaRequest.Reaction log(String condition) {
        return new AreaRequest.Reaction("log", Map.of("message", "hi"), condition, null);
    }

    private List<FieldProblem> problems(AreaRequest request) {
        InvalidFieldsException e = catchThrowableOfType(InvalidFieldsException.class,
                () -> definitions.validate(request));
        assertThat(e).as("invalid: %s", request).isNotNull();
        return e.problems();
    }

    @Test
    void a_valid_definition_gets_its_defaults() {
        Definition definition = definitions.validate(new AreaRequest(" ticker ", tick(), cron("*/2 * * * * *", null),
                List.of(log(null), log(" "), log("output.firedAt != null")), null));

        assertThat(definition.name()).isEqualTo("ticker");
        assertThat(definition.trigger()).isEqualTo(
                new TriggerSpec(TriggerKind.CRON, "*/2 * * * * *", "UTC", null, MisfirePolicy.FIRE_ONCE_NOW));
        assertThat(definition.reactions()).extracting(r -> r.condition())
                .containsExactly(null, null, "output.firedAt != null");
        assertThat(definition.retryPolicy()).isEqualTo(new RetryPolicy(3, 500, 2.0, 60_000));
        assertThat(definition.action().params()).isEmpty();
    }

    @Test
    void trigger_problems_name_the_trigger_fields() {
        assertThat(problems(new AreaRequest("x", tick(), cron("every monday", "UTC"), List.of(), null)))
                .extracting(FieldProblem::field).containsExactly("trigger.cron");
        assertThat(problems(new AreaRequest("x", tick(), cron("0 0 * * * *", "Mars/Olympus"), List.of(), null)))
                .extracting(FieldProblem::field).containsExactly("trigger.zone");
        assertThat(problems(new AreaRequest("x", tick(), cron(null, null), List.of(), null)))
                .extracting(FieldProblem::field).containsExactly("trigger.cron");
        assertThat(problems(new AreaRequest("x", tick(),
                new AreaRequest.Trigger(TriggerKind.INTERVAL, null, null, 999L, null), List.of(), null)))
                .extracting(FieldProblem::field).containsExactly("trigger.intervalMs");
        assertThat(problems(new AreaRequest("x", tick(),
                new AreaRequest.Trigger(TriggerKind.INTERVAL, "0 * * * * *", null, 5_000L, null), List.of(), null)))
                .extracting(FieldProblem::field).containsExactly("trigger.cron");
    }

    @Test
    void unknown_types_name_their_field() {
        List<FieldProblem> problems = problems(new AreaRequest("x",
                new AreaRequest.Action("clock", "shell.exec", Map.of(), null), cron("0 * * * * *", null),
                List.of(log(null), new AreaRequest.Reaction("email", Map.of(), null, null)), null));

        assertThat(problems).extracting(FieldProblem::field).containsExactly("action.type", "reactions[1].type");
        assertThat(problems.get(0).message()).contains("shell.exec").contains("http.poll, timer.tick, "
                + "webhook.received");
    }

    @Test
    void a_bad_condition_names_its_reaction() {
        List<FieldProblem> problems = problems(new AreaRequest("x", tick(), cron("0 * * * * *", null),
                List.of(log("true"), log("T(java.lang.Runtime).getRuntime()"), log("output.x.toString() == ''")),
                null));

        assertThat(problems).extracting(FieldProblem::field)
                .containsExactly("reactions[1].condition", "reactions[2].condition");
        assertThat(problems.get(0).message()).contains("type references");
        assertThat(problems.get(1).message()).contains("method calls");
    }

    @Test
    void an_http_poll_needs_an_url_and_a_valid_condition_and_known_connections() {
        List<FieldProblem> problems = problems(new AreaRequest("x",
                new AreaRequest.Action("status", "http.poll", Map.of("url", "ftp://x", "condition", "@bean"),
                        "nope"),
                new AreaRequest.Trigger(TriggerKind.INTERVAL, null, null, 1_000L, MisfirePolicy.SKIP),
                List.of(new AreaRequest.Reaction("http.post", Map.of(), null, "status-token")), null));

        assertThat(problems).extracting(FieldProblem::field).containsExactly("action.params.url",
                "action.params.condition", "action.connection", "reactions[0].params.url");
    }

    @Test
    void webhook_received_and_a_webhook_trigger_go_together() {
        assertThat(problems(new AreaRequest("x", new AreaRequest.Action("github", "webhook.received", null, null),
                cron("0 * * * * *", null), List.of(), null)))
                .extracting(FieldProblem::field).containsExactly("action.type");
        assertThat(problems(new AreaRequest("x", tick(),
                new AreaRequest.Trigger(TriggerKind.WEBHOOK, null, null, null, null), List.of(), null)))
                .extracting(FieldProblem::field).containsExactly("action.type");
    }

    @Test
    void a_task_create_reaction_needs_a_task_type_and_the_backoff_cap_is_not_below_the_first_delay() {
        assertThat(problems(new AreaRequest("x", tick(), cron("0 * * * * *", null),
                List.of(new AreaRequest.Reaction("task.create", Map.of("payload", 3), null, null)),
                new AreaRequest.Retry(2, 5_000L, 2.0, 1_000L))))
                .extracting(FieldProblem::field)
                .containsExactly("reactions[0].params.type", "reactions[0].params.payload", "retryPolicy.maxBackoffMs");
    }
}
