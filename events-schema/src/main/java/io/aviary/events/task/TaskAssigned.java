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
 * @param assignedAt    when
 * @param assignmentFee the fee charged to the worker for this assignment (version 2); {@code null} in events
 *                      written before, whose fee accounting finds with the task's {@link TaskCreated}
 */
public record TaskAssigned(String taskId, String type, int attempt, String workerId, Map<String, Object> payload,
                           long timeoutMs, Instant assignedAt, Long assignmentFee) implements TaskEvent {

    /** Without the fee, as version 1 had it. */
    public TaskAssigned(String taskId, String type, int attempt, String workerId, Map<String, Object> payload,
                        long timeoutMs, Instant assignedAt) {
        this(taskId, type, attempt, workerId, payload, timeoutMs, assignedAt, null);
    }
}
