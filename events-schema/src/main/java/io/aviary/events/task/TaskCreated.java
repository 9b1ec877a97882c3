package io.aviary.events.task;

import java.time.Instant;
import java.util.Map;

/**
 * A task was submitted. Its prices are fixed here, once.
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
 */
public record TaskCreated(String taskId, String type, Map<String, Object> payload, int priority,
                          Map<String, String> requiredLabels, int maxAttempts, long timeoutMs, String idempotencyKey,
                          int assignmentFee, int completionReward, Instant createdAt) implements TaskEvent {
}
