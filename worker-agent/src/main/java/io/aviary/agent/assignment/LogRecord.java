package io.aviary.agent.assignment;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aviary.agent.executor.ExecutionResult;
import io.aviary.events.task.Outcome;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One line of the {@link ProcessedAssignmentLog}. {@code op} is an {@link AttemptState} name; the other fields depend
 * on it: an {@code ACCEPTED} line carries the whole assignment, an {@code EXECUTED} line the result, a final line the
 * reason. A final line whose attempt has no {@code ACCEPTED} line before it is a finished attempt as compaction
 * rewrote it (key, state and time only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LogRecord(String op, String taskId, int attempt, String type, Map<String, Object> payload, Long timeoutMs,
                 Outcome outcome, Map<String, Object> output, String message, String at) {

    static LogRecord accepted(Assignment assignment, Instant at) {
        return new LogRecord(AttemptState.ACCEPTED.name(), assignment.taskId(), assignment.attempt(),
                assignment.type(), assignment.payload(), assignment.timeoutMs(), null, null, null, at.toString());
    }

    static LogRecord executed(AttemptKey key, ExecutionResult result, Instant at) {
        return new LogRecord(AttemptState.EXECUTED.name(), key.taskId(), key.attempt(), null, null, null,
                result.outcome(), result.output(), result.message(), at.toString());
    }

    static LogRecord finished(AttemptKey key, AttemptState state, String reason, Instant at) {
        return new LogRecord(state.name(), key.taskId(), key.attempt(), null, null, null, null, null, reason,
                at.toString());
    }

    AttemptKey key() {
        return new AttemptKey(taskId, attempt);
    }

    AttemptState state() {
        return AttemptState.valueOf(op);
    }

    Assignment assignment() {
        return new Assignment(taskId, type, attempt, payload, timeoutMs == null ? 0 : timeoutMs);
    }

    ExecutionResult result() {
        return new ExecutionResult(outcome, output, message);
    }

    /**
     * When the line was written; {@code fallback} for a line without a readable time (none is written so), which keeps
     * a finished attempt for the whole retention rather than losing an owed one over its time.
     */
    Instant instant(Instant fallback) {
        try {
            return at == null ? fallback : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
