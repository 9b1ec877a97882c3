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
 * One report of an agent in {@code POST /api/v1/tasks/reports:batch}: an attempt starts ({@code START}), ends
 * ({@code COMPLETE}, with its outcome), or both at once ({@code START_AND_COMPLETE}, for an attempt that ran before
 * its start report was sent).
 *
 * @param taskId   the task
 * @param workerId the reporting worker (the agent's own)
 * @param attempt  the attempt it was assigned
 * @param kind     START, COMPLETE or START_AND_COMPLETE
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

    public enum Kind { START, COMPLETE, START_AND_COMPLETE }

    public AttemptReport {
        output = output == null ? Map.of() : output;
    }

    @AssertTrue(message = "outcome is required unless kind is START")
    boolean isOutcomeGivenWhenEnded() {
        return kind == null || kind == Kind.START || outcome != null;
    }

    boolean starts() {
        return kind == Kind.START || kind == Kind.START_AND_COMPLETE;
    }

    boolean completes() {
        return kind == Kind.COMPLETE || kind == Kind.START_AND_COMPLETE;
    }
}
