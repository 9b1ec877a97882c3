package io.aviary.command.task;

import io.aviary.events.area.RetryPolicy;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskOrigin;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Commands of the Task aggregate. */
public final class TaskCommands {

    private TaskCommands() {
    }

    /**
     * Submit a task; prices are decided by the caller (the REST layer, the AREA orchestrator) so the aggregate stays
     * deterministic. {@code retryPolicy} replaces the global backoff for this task (an AREA's policy; its
     * {@code maxAttempts} is passed as {@code maxAttempts}); {@code origin} names the AREA execution it runs for.
     * Both are {@code null} for a task submitted through {@code POST /api/v1/tasks}.
     */
    public record CreateTask(@TargetAggregateIdentifier String taskId, String type, Map<String, Object> payload,
                             int priority, Map<String, String> requiredLabels, int maxAttempts, long timeoutMs,
                             String idempotencyKey, int assignmentFee, int completionReward, RetryPolicy retryPolicy,
                             TaskOrigin origin) {

        /** A task submitted directly: the global backoff, no AREA origin. */
        public CreateTask(String taskId, String type, Map<String, Object> payload, int priority,
                          Map<String, String> requiredLabels, int maxAttempts, long timeoutMs, String idempotencyKey,
                          int assignmentFee, int completionReward) {
            this(taskId, type, payload, priority, requiredLabels, maxAttempts, timeoutMs, idempotencyKey,
                    assignmentFee, completionReward, null, null);
        }
    }

    /** The dispatcher gives a waiting task to a worker; this starts attempt {@code current + 1}. */
    public record AssignTask(@TargetAggregateIdentifier String taskId, String workerId) {
    }

    /** The assigned worker's agent starts the attempt. */
    public record StartTask(@TargetAggregateIdentifier String taskId, String workerId, int attempt) {
    }

    /** The assigned worker's agent reports the outcome of the attempt. */
    public record CompleteTask(@TargetAggregateIdentifier String taskId, String workerId, int attempt,
                               Outcome outcome, Map<String, Object> output, String message) {
    }

    /** The attempt exceeded the task's timeout (sent by the dispatcher's timeout sweep). */
    public record TimeOutTask(@TargetAggregateIdentifier String taskId, int attempt) {
    }

    /** Take an unfinished attempt back from a worker that went down or was deregistered. */
    public record RequeueTask(@TargetAggregateIdentifier String taskId, int attempt, String reason) {
    }

    /** Move an assigned, not yet running task to another worker (shuffle). */
    public record ReassignTask(@TargetAggregateIdentifier String taskId, String toWorkerId, String reason) {
    }

    /** Cancel the task; a running attempt's later report is rejected. */
    public record CancelTask(@TargetAggregateIdentifier String taskId, String reason) {
    }
}
