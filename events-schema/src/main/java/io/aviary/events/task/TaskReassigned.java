package io.aviary.events.task;

import java.time.Instant;
import java.util.Map;

/**
 * An assigned (not yet running) task moved to another worker, as a new attempt.
 *
 * @param taskId       the task
 * @param type         its type
 * @param attempt      the new attempt number
 * @param fromWorkerId the worker it was assigned to
 * @param toWorkerId   the worker it is assigned to now
 * @param payload      executor input, so the new worker's agent needs no lookup
 * @param timeoutMs    how long the attempt may run
 * @param reason       why (e.g. {@code shuffle})
 * @param reassignedAt when
 */
public record TaskReassigned(String taskId, String type, int attempt, String fromWorkerId, String toWorkerId,
                             Map<String, Object> payload, long timeoutMs, String reason, Instant reassignedAt)
        implements TaskEvent {
}
