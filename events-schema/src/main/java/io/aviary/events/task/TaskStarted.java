package io.aviary.events.task;

import java.time.Instant;

/**
 * The assigned worker started the attempt.
 *
 * @param taskId    the task
 * @param type      its type
 * @param attempt   attempt number
 * @param workerId  the worker running it
 * @param startedAt when
 */
public record TaskStarted(String taskId, String type, int attempt, String workerId, Instant startedAt)
        implements TaskEvent {
}
