package io.aviary.command.area;

import io.aviary.command.web.StorableJson;
import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.TriggerKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/areas} and {@code PUT /api/v1/areas/{id}}: an AREA's definition. What Bean Validation
 * can say is said here; the rest (cron, zone, types, conditions, connections) by {@link AreaDefinitions}, also
 * naming the field.
 *
 * @param name        display name
 * @param action      the action
 * @param trigger     when it fires
 * @param reactions   the reactions, in order (default none; at most {@value #MAX_REACTIONS})
 * @param retryPolicy retry policy of its tasks (default: 3 attempts, 500 ms, x2, at most 60 s)
 */
@StorableJson(bytes = AreaRequest.MAX_DEFINITION_BYTES)
public record AreaRequest(
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid Action action,
        @NotNull @Valid Trigger trigger,
        @Size(max = MAX_REACTIONS) List<@NotNull @Valid Reaction> reactions,
        @Valid Retry retryPolicy) {

    public static final int MAX_REACTIONS = 20;
    /** Largest definition, as JSON (256 KiB): it travels in events, on Kafka (1 MB per record), into read models. */
    public static final int MAX_DEFINITION_BYTES = 256 * 1024;

    public AreaRequest {
        reactions = reactions == null ? List.of() : reactions;
    }

    /**
     * @param service    the service it talks to, e.g. {@code github} (lower case letters, digits, {@code . _ -});
     *                   a webhook's URL is {@code /webhooks/{service}/{hookId}}
     * @param type       {@code http.poll}, {@code webhook.received} or {@code timer.tick}
     * @param params     the type's parameters ({@code http.poll}: {@code url}, {@code method}, {@code condition})
     * @param connection name of a stored connection whose credential the agent uses (optional)
     */
    public record Action(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{0,63}",
                    message = "must be 1 to 64 lower case letters, digits, '.', '_' or '-'") String service,
            @NotBlank @Size(max = 100) String type,
            Map<String, Object> params,
            @Size(max = 64) String connection) {
    }

    /**
     * @param kind       CRON, INTERVAL or WEBHOOK
     * @param cron       CRON: a Spring cron expression (6 fields, seconds first, e.g. {@code 0 0/5 * * * *})
     * @param zone       CRON: its time zone (default UTC)
     * @param intervalMs INTERVAL: the period, at least 1000 ms
     * @param misfire    CRON and INTERVAL: FIRE_ONCE_NOW (default) or SKIP instants missed during downtime
     */
    public record Trigger(
            @NotNull TriggerKind kind,
            @Size(max = 200) String cron,
            @Size(max = 64) String zone,
            Long intervalMs,
            MisfirePolicy misfire) {
    }

    /**
     * @param type       {@code http.post}, {@code task.create} or {@code log}
     * @param params     the type's parameters ({@code http.post}: {@code url}, {@code body}, {@code headers};
     *                   {@code task.create}: {@code type}, {@code payload}; {@code log}: {@code message})
     * @param condition  when it runs, over the action's {@code output} (default: always)
     * @param connection name of a stored connection (optional)
     */
    public record Reaction(
            @NotBlank @Size(max = 100) String type,
            Map<String, Object> params,
            String condition,
            @Size(max = 64) String connection) {
    }

    /**
     * @param maxAttempts      failed attempts before a task is dead-lettered (default 3)
     * @param initialBackoffMs delay after the first failure (default 500)
     * @param multiplier       growth per further failure (default 2)
     * @param maxBackoffMs     longest delay (default 60000)
     */
    public record Retry(
            @Min(1) @Max(100) Integer maxAttempts,
            @Min(0) @Max(86_400_000) Long initialBackoffMs,
            @DecimalMin("1.0") @DecimalMax("100.0") Double multiplier,
            @Min(0) @Max(86_400_000) Long maxBackoffMs) {
    }
}
