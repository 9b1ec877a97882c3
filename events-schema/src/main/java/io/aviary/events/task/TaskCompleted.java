package io.aviary.events.task;

import java.time.Instant;
import java.util.Map;

/**
 * The assigned worker finished the attempt. SUCCESS and WARNING end the task; a FAILURE is followed by
 * {@link TaskRetryScheduled} or {@link TaskDeadLettered}.
 *
 * @param taskId      the task
 * @param type        its type
 * @param attempt     attempt number
 * @param workerId    the worker that ran it
 * @param outcome     how it ended
 * @param output      executor output (a JSON object, may be empty)
 * @param message     human-readable summary, may be {@code null}
 * @param completedAt      when
 * @param completionReward the reward credited to the worker if the outcome completes the task (version 2);
 *                         {@code null} in events written before
 */
public record TaskCompleted(String taskId, String type, int attempt, String workerId, Outcome outcome,
                            Map<String, Object> output, String message, Instant completedAt, Long completionReward)
        implements TaskEvent {

    /** Without the reward, as version 1 had it. */
    public TaskCompleted(String taskId, String type, int attempt, String workerId, Outcome outcome,
                         Map<String, Object> output, String message, Instant completedAt) {
        this(taskId, type, attempt, workerId, outcome, output, message, completedAt, null);
    }
}
