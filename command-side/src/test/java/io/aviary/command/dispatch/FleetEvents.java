package io.aviary.command.dispatch;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskTimedOut;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Events with sensible defaults for tests: only what a test is about is spelled out. */
public final class FleetEvents {

    public static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    public static final long TIMEOUT_MS = 60_000;

    private FleetEvents() {
    }

    public static WorkerRegistered registered(String workerId, int slots, int maxQueue, List<String> taskTypes,
                                              Map<String, String> labels, Instant at) {
        return new WorkerRegistered(workerId, "name-" + workerId, "hw-" + workerId, slots, maxQueue, taskTypes,
                labels, at);
    }

    public static WorkerRegistered registered(String workerId, int slots, int maxQueue, Instant at) {
        return registered(workerId, slots, maxQueue, List.of("noop"), Map.of(), at);
    }

    public static WorkerStateChanged stateChanged(String workerId, WorkerState from, WorkerState to, Instant at) {
        return new WorkerStateChanged(workerId, from, to, "test", at);
    }

    public static TaskCreated created(String taskId, int priority, Instant at) {
        return created(taskId, "noop", priority, Map.of(), at);
    }

    public static TaskCreated created(String taskId, String type, int priority, Map<String, String> requiredLabels,
                                      Instant at) {
        return new TaskCreated(taskId, type, Map.of(), priority, requiredLabels, 3, TIMEOUT_MS, null, 10, 20, at);
    }

    public static TaskAssigned assigned(String taskId, int attempt, String workerId, Instant at) {
        return new TaskAssigned(taskId, "noop", attempt, workerId, Map.of(), TIMEOUT_MS, at);
    }

    public static TaskStarted started(String taskId, int attempt, String workerId, Instant at) {
        return new TaskStarted(taskId, "noop", attempt, workerId, at);
    }

    public static TaskCompleted completed(String taskId, int attempt, String workerId, Outcome outcome, Instant at) {
        return new TaskCompleted(taskId, "noop", attempt, workerId, outcome, Map.of(), null, at);
    }

    public static TaskRetryScheduled retryScheduled(String taskId, int failedAttempt, Instant notBefore, Instant at) {
        return new TaskRetryScheduled(taskId, "noop", failedAttempt, failedAttempt, notBefore, "failed", at);
    }

    public static TaskTimedOut timedOut(String taskId, int attempt, String workerId, Instant at) {
        return new TaskTimedOut(taskId, "noop", attempt, workerId, at);
    }

    public static TaskRequeued requeued(String taskId, int attempt, String workerId, Instant at) {
        return new TaskRequeued(taskId, "noop", attempt, workerId, "worker down", at);
    }

    public static TaskDeadLettered deadLettered(String taskId, int attempt, Instant at) {
        return new TaskDeadLettered(taskId, "noop", attempt, 3, "failed", at);
    }

    public static TaskCancelled cancelled(String taskId, int attempt, String workerId, Instant at) {
        return new TaskCancelled(taskId, "noop", attempt, workerId, "test", at);
    }
}
