package io.aviary.command.task;

import io.aviary.command.web.StorableJson;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/tasks}; omitted fields take the documented defaults.
 *
 * @param type           executor type, e.g. {@code noop}
 * @param payload        executor input (default empty; at most 64 KiB as JSON)
 * @param priority       higher runs first (default 0)
 * @param requiredLabels labels a worker must carry (default none)
 * @param maxAttempts    failed attempts allowed before dead-lettering (default 3)
 * @param timeoutMs      how long one attempt may take (default 60000; for {@code manual} tasks, done by people,
 *                       24 hours, the maximum)
 * @param idempotencyKey a repeated key answers the first task's id (optional)
 */
public record CreateTaskRequest(
        @NotBlank @Size(max = 200) String type,
        @StorableJson(bytes = CreateTaskRequest.MAX_PAYLOAD_BYTES) Map<String, Object> payload,
        Integer priority,
        @StorableJson(bytes = CreateTaskRequest.MAX_PAYLOAD_BYTES)
        Map<@NotBlank String, @NotNull String> requiredLabels,
        @Min(1) @Max(100) Integer maxAttempts,
        @Min(1) @Max(86_400_000) Long timeoutMs,
        @Size(min = 1, max = 200) String idempotencyKey) {

    /** Largest payload (and label set), as JSON: 64 KiB. It travels in events, on Kafka and into read models. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final long DEFAULT_TIMEOUT_MS = 60_000;
    /** People take longer than machines: a manual task's attempt may wait a day before it times out. */
    public static final long DEFAULT_MANUAL_TIMEOUT_MS = 86_400_000;
    public static final String MANUAL_TYPE = "manual";

    public CreateTaskRequest {
        payload = payload == null ? Map.of() : payload;
        priority = priority == null ? 0 : priority;
        requiredLabels = requiredLabels == null ? Map.of() : requiredLabels;
        maxAttempts = maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
        if (timeoutMs == null) {
            timeoutMs = MANUAL_TYPE.equals(type) ? DEFAULT_MANUAL_TIMEOUT_MS : DEFAULT_TIMEOUT_MS;
        }
    }
}
