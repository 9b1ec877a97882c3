package io.aviary.events.task;

import java.time.Instant;

/**
 * An attempt ran (or waited for its start) longer than the task's timeout; it counts as a failure.
 *
 * @param taskId     the task
 * @param type       its type
 * @param attempt    the attempt that timed out
 * @param workerId   the worker it was assigned to
 * @param timedOutAt when
 */
public record TaskTimedOut(String taskId, String type, int attempt, String workerId, Instant timedOutAt)
        implements TaskEvent {
}
