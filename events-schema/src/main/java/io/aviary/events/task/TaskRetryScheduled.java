package io.aviary.events.task;

import java.time.Instant;

/**
 * A failed attempt will be retried after an exponential backoff with jitter.
 *
 * @param taskId        the task
 * @param type          its type
 * @param failedAttempt the attempt that failed
 * @param failures      failed attempts so far
 * @param notBefore     earliest time of the next assignment
 * @param reason        why the attempt failed
 * @param scheduledAt   when
 */
public record TaskRetryScheduled(String taskId, String type, int failedAttempt, int failures, Instant notBefore,
                                 String reason, Instant scheduledAt) implements TaskEvent {
}
