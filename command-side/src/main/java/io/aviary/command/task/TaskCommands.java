package io.aviary.command.task;

import io.aviary.events.task.Outcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;

/** Commands of the Task aggregate. */
public final class TaskCommands {

    private TaskCommands() {
    }

    /** Submit a task; prices are decided by the caller (the REST layer) so the aggregate stays deterministic. */
    public record CreateTask(@TargetAggregateIdentifier String taskId, String type, Map<String, Object> payload,
                             int priority, Map<String, String> requiredLabels, int maxAttempts, long timeoutMs,
                             String idempotencyKey, int assignmentFee, int completionReward) {
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
