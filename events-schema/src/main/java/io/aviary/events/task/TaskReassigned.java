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
 * @param reassignedAt  when
 * @param assignmentFee the fee charged to the new worker (version 2); {@code null} in events written before
 */
public record TaskReassigned(String taskId, String type, int attempt, String fromWorkerId, String toWorkerId,
                             Map<String, Object> payload, long timeoutMs, String reason, Instant reassignedAt,
                             Long assignmentFee)
        implements TaskEvent {

    /** Without the fee, as version 1 had it. */
    public TaskReassigned(String taskId, String type, int attempt, String fromWorkerId, String toWorkerId,
                          Map<String, Object> payload, long timeoutMs, String reason, Instant reassignedAt) {
        this(taskId, type, attempt, fromWorkerId, toWorkerId, payload, timeoutMs, reason, reassignedAt, null);
    }
}
