package io.aviary.agent.executor;

import io.aviary.events.task.Outcome;

import java.util.Map;
import java.util.Objects;

/**
 * How an attempt ended, as reported to the command side.
 *
 * @param outcome SUCCESS or WARNING complete the task, FAILURE retries or dead-letters it
 * @param output  result data (JSON object), shown in the task's history
 * @param message human-readable detail, mostly for failures; may be {@code null}
 */
public record ExecutionResult(Outcome outcome, Map<String, Object> output, String message) {

    public ExecutionResult {
        Objects.requireNonNull(outcome, "outcome");
        output = output == null ? Map.of() : output;
    }

    public static ExecutionResult success() {
        return new ExecutionResult(Outcome.SUCCESS, Map.of(), null);
    }

    public static ExecutionResult success(Map<String, Object> output) {
        return new ExecutionResult(Outcome.SUCCESS, output, null);
    }

    public static ExecutionResult warning(Map<String, Object> output, String message) {
        return new ExecutionResult(Outcome.WARNING, output, message);
    }

    public static ExecutionResult failure(String message) {
        return new ExecutionResult(Outcome.FAILURE, Map.of(), message);
    }

    public static ExecutionResult failure(String message, Map<String, Object> output) {
        return new ExecutionResult(Outcome.FAILURE, output, message);
    }
}
