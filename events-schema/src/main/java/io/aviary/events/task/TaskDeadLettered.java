package io.aviary.events.task;

import java.time.Instant;

/**
 * The task failed as often as it may; it will not run again.
 *
 * @param taskId         the task
 * @param type           its type
 * @param attempt        the last attempt
 * @param failures       failed attempts
 * @param reason         why the last attempt failed
 * @param deadLetteredAt when
 */
public record TaskDeadLettered(String taskId, String type, int attempt, int failures, String reason,
                               Instant deadLetteredAt) implements TaskEvent {
}
