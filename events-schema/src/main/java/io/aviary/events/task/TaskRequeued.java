package io.aviary.events.task;

import java.time.Instant;

/**
 * An unfinished attempt was taken back from its worker (the worker went down) and the task waits for a new
 * assignment. Not a failure: it does not count against {@code maxAttempts}.
 *
 * @param taskId       the task
 * @param type         its type
 * @param attempt      the abandoned attempt
 * @param fromWorkerId the worker it was taken from
 * @param reason       why
 * @param requeuedAt   when
 */
public record TaskRequeued(String taskId, String type, int attempt, String fromWorkerId, String reason,
                           Instant requeuedAt) implements TaskEvent {
}
