package io.aviary.events.task;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.aviary.events.area.RetryPolicy;

import java.time.Instant;
import java.util.Map;

/**
 * A task was submitted. Its prices are fixed here, once.
 * <p>
 * Version 2 ({@code io.aviary.task.TaskCreated.v2}) added {@code retryPolicy} and {@code origin}; a version 1 event
 * reads into this record with both {@code null} (the task then retries with the platform's global backoff).
 *
 * @param taskId           the task (deterministic from the idempotency key when one is given)
 * @param type             executor type, e.g. {@code noop}, {@code sleep}, {@code http}
 * @param payload          executor input (a JSON object)
 * @param priority         higher runs first
 * @param requiredLabels   labels a worker must carry (all of them, equal values)
 * @param maxAttempts      failed attempts (failures and time-outs) allowed before dead-lettering
 * @param timeoutMs        how long one running attempt may take
 * @param idempotencyKey   caller's key; a repeated key yields the first task, or {@code null}
 * @param assignmentFee    charged to a worker's account each time the task is assigned to it
 * @param completionReward credited to the worker that completes it
 * @param createdAt        when
 * @param retryPolicy      the task's own backoff (an AREA's policy), or {@code null} for the global one (v2)
 * @param origin           the AREA execution the task runs for, or {@code null} for a task submitted directly (v2)
 */
public record TaskCreated(String taskId, String type, Map<String, Object> payload, int priority,
                          Map<String, String> requiredLabels, int maxAttempts, long timeoutMs, String idempotencyKey,
                          int assignmentFee, int completionReward, Instant createdAt, RetryPolicy retryPolicy,
                          TaskOrigin origin) implements TaskEvent {

    /** The canonical constructor is the JSON creator (the record has a second, shorter constructor). */
    @JsonCreator
    public TaskCreated {
    }

    /** A task submitted directly: no retry policy of its own, no AREA origin (the version 1 shape). */
    public TaskCreated(String taskId, String type, Map<String, Object> payload, int priority,
                       Map<String, String> requiredLabels, int maxAttempts, long timeoutMs, String idempotencyKey,
                       int assignmentFee, int completionReward, Instant createdAt) {
        this(taskId, type, payload, priority, requiredLabels, maxAttempts, timeoutMs, idempotencyKey, assignmentFee,
                completionReward, createdAt, null, null);
    }
}
