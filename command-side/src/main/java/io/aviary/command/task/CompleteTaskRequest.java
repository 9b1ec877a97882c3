package io.aviary.command.task;

import io.aviary.events.task.Outcome;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * Body of {@code POST /api/v1/tasks/{id}/complete}.
 *
 * @param workerId the reporting worker
 * @param attempt  the attempt it was assigned
 * @param outcome  SUCCESS, WARNING or FAILURE
 * @param output   executor output (default empty)
 * @param message  human-readable summary (optional)
 */
public record CompleteTaskRequest(
        @NotBlank String workerId,
        @NotNull @Min(1) Integer attempt,
        @NotNull Outcome outcome,
        Map<String, Object> output,
        @Size(max = 2000) String message) {

    public CompleteTaskRequest {
        output = output == null ? Map.of() : output;
    }
}
