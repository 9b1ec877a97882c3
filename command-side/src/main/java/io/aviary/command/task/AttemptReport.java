package io.aviary.command.task;

import io.aviary.command.web.StorableJson;
import io.aviary.events.task.Outcome;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * One report of an agent in {@code POST /api/v1/tasks/reports:batch}: an attempt starts ({@code START}) or ends
 * ({@code COMPLETE}, with its outcome), as {@code POST /api/v1/tasks/{id}/start} and {@code .../complete} report.
 *
 * @param taskId   the task
 * @param workerId the reporting worker (the agent's own)
 * @param attempt  the attempt it was assigned
 * @param kind     START or COMPLETE
 * @param outcome  SUCCESS, WARNING or FAILURE; required unless {@code kind} is START
 * @param output   executor output (default empty; at most 512 KiB as JSON)
 * @param message  human-readable summary (optional)
 */
public record AttemptReport(
        @NotBlank @Size(max = 100) String taskId,
        @NotBlank @Size(max = 100) String workerId,
        @NotNull @Min(1) Integer attempt,
        @NotNull Kind kind,
        Outcome outcome,
        @StorableJson(bytes = CompleteTaskRequest.MAX_OUTPUT_BYTES) Map<String, Object> output,
        @Size(max = 2000) String message) {

    public enum Kind { START, COMPLETE }

    public AttemptReport {
        output = output == null ? Map.of() : output;
    }

    @AssertTrue(message = "outcome is required unless kind is START")
    boolean isOutcomeGivenWhenEnded() {
        return kind == null || kind == Kind.START || outcome != null;
    }
}
