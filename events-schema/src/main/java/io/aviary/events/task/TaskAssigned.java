package io.aviary.events.task;

import java.time.Instant;
import java.util.Map;

/**
 * The dispatcher gave the task to a worker. Every assignment starts a new attempt, so a report about an older
 * assignment is recognisably stale.
 *
 * @param taskId     the task
 * @param type       its type
 * @param attempt    attempt number, 1 for the first assignment
 * @param workerId   the worker that should run it
 * @param payload    executor input, so the agent needs no lookup
 * @param timeoutMs  how long the attempt may run
 * @param assignedAt when
 */
public record TaskAssigned(String taskId, String type, int attempt, String workerId, Map<String, Object> payload,
                           long timeoutMs, Instant assignedAt) implements TaskEvent {
}
