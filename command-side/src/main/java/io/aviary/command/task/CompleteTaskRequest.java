package io.aviary.command.task;

import io.aviary.command.web.StorableJson;
import io.aviary.events.task.Outcome;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/tasks/{id}/complete}.
 *
 * @param workerId the reporting worker; required for an agent, optional for a WORKER person (then: the worker of
 *                 their token)
 * @param attempt  the attempt it was assigned; required for an agent, optional for a WORKER person (then: the task's
 *                 current attempt)
 * @param outcome  SUCCESS, WARNING or FAILURE
 * @param output   executor output (default empty; at most 512 KiB as JSON)
 * @param message  human-readable summary (optional)
 */
public record CompleteTaskRequest(
        @Size(min = 1, max = 100) String workerId,
        @Min(1) Integer attempt,
        @NotNull Outcome outcome,
        @StorableJson(bytes = CompleteTaskRequest.MAX_OUTPUT_BYTES) Map<String, Object> output,
        @Size(max = 2000) String message) {

    /** Largest output, as JSON (512 KiB): it travels in an event, on Kafka (1 MB per record) and into read models. */
    public static final int MAX_OUTPUT_BYTES = 512 * 1024;

    public CompleteTaskRequest {
        output = output == null ? Map.of() : output;
    }
}
