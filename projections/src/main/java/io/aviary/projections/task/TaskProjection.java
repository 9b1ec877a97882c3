package io.aviary.projections.task;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskEvent;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.task.TaskTimedOut;
import io.aviary.projections.mongo.Bson;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static io.aviary.projections.mongo.Bson.millis;

/**
 * Applies task events to a {@link TaskView}: status per the read-model mapping (QUEUED on create/requeue, ASSIGNED
 * on assign/reassign, RUNNING on start, COMPLETED on SUCCESS/WARNING, RETRY_SCHEDULED, DEAD_LETTERED, CANCELLED),
 * plus one timeline entry per event. A failed or timed-out attempt keeps its status until the aggregate's decision
 * (retry or dead letter) arrives as the next event.
 */
public final class TaskProjection {

    /**
     * Applies the event if it is newer than what the view holds.
     *
     * @return the change, or empty when the view already holds this event (redelivery, replay)
     */
    public Optional<TaskChange> apply(TaskView view, long sequence, TaskEvent event) {
        if (sequence <= view.seq) {
            return Optional.empty();
        }
        String lastWorkerId = view.workerId;
        if (view.type == null) {
            view.type = event.type();
        }
        apply(view, event);
        view.seq = sequence;
        return Optional.of(new TaskChange(event, lastWorkerId, view.priority));
    }

    private void apply(TaskView view, TaskEvent event) {
        if (event instanceof TaskCreated e) {
            created(view, e);
        } else if (event instanceof TaskAssigned e) {
            newAttempt(view, e.attempt(), e.workerId(), e.payload());
            record(view, "TaskAssigned", TaskStatus.ASSIGNED, e.attempt(), e.workerId(), e.assignedAt(), null);
        } else if (event instanceof TaskReassigned e) {
            newAttempt(view, e.attempt(), e.toWorkerId(), e.payload());
            record(view, "TaskReassigned", TaskStatus.ASSIGNED, e.attempt(), e.toWorkerId(), e.reassignedAt(),
                    "from " + e.fromWorkerId() + reason(e.reason()));
        } else if (event instanceof TaskStarted e) {
            view.attempt = e.attempt();
            view.workerId = e.workerId();
            record(view, "TaskStarted", TaskStatus.RUNNING, e.attempt(), e.workerId(), e.startedAt(), null);
        } else if (event instanceof TaskCompleted e) {
            completed(view, e);
        } else if (event instanceof TaskTimedOut e) {
            view.outcome = Outcome.FAILURE;
            view.message = "attempt " + e.attempt() + " timed out";
            record(view, "TaskTimedOut", view.status, e.attempt(), e.workerId(), e.timedOutAt(),
                    "timed out after " + view.timeoutMs + " ms");
        } else if (event instanceof TaskRetryScheduled e) {
            view.failures = e.failures();
            view.notBefore = millis(e.notBefore());
            record(view, "TaskRetryScheduled", TaskStatus.RETRY_SCHEDULED, e.failedAttempt(), view.workerId,
                    e.scheduledAt(), "failure " + e.failures() + " of " + view.maxAttempts
                            + ", next attempt not before " + view.notBefore + reason(e.reason()));
        } else if (event instanceof TaskDeadLettered e) {
            view.failures = e.failures();
            view.notBefore = null;
            if (view.outcome == null) {
                view.outcome = Outcome.FAILURE;
            }
            record(view, "TaskDeadLettered", TaskStatus.DEAD_LETTERED, e.attempt(), view.workerId,
                    e.deadLetteredAt(), "after " + e.failures() + " failures" + reason(e.reason()));
        } else if (event instanceof TaskRequeued e) {
            view.notBefore = null;
            record(view, "TaskRequeued", TaskStatus.QUEUED, e.attempt(), e.fromWorkerId(), e.requeuedAt(),
                    e.reason());
        } else if (event instanceof TaskCancelled e) {
            view.notBefore = null;
            if (e.reason() != null) {
                view.message = e.reason();
            }
            record(view, "TaskCancelled", TaskStatus.CANCELLED, e.attempt(), e.workerId(), e.cancelledAt(),
                    e.reason());
        } else {
            throw new IllegalArgumentException("Not a task event this projection knows: " + event.getClass());
        }
    }

    private void created(TaskView view, TaskCreated e) {
        view.type = e.type();
        view.payload = payload(e.payload());
        view.priority = e.priority();
        view.requiredLabels = e.requiredLabels() == null ? Map.of() : e.requiredLabels();
        view.maxAttempts = e.maxAttempts();
        view.timeoutMs = e.timeoutMs();
        view.idempotencyKey = e.idempotencyKey();
        view.assignmentFee = e.assignmentFee();
        view.completionReward = e.completionReward();
        view.createdAt = millis(e.createdAt());
        record(view, "TaskCreated", TaskStatus.QUEUED, 0, null, e.createdAt(), null);
    }

    /** Every assignment is a new attempt: what the previous attempt reported no longer describes the task. */
    private void newAttempt(TaskView view, int attempt, String workerId, Map<String, Object> payload) {
        view.attempt = attempt;
        view.workerId = workerId;
        view.outcome = null;
        view.message = null;
        view.output = null;
        view.notBefore = null;
        if (view.payload == null && payload != null) {
            view.payload = payload(payload);
        }
    }

    private void completed(TaskView view, TaskCompleted e) {
        view.attempt = e.attempt();
        view.workerId = e.workerId();
        view.outcome = e.outcome();
        view.message = e.message();
        view.output = payload(e.output());
        TaskStatus status = e.outcome() != null && e.outcome().completesTask() ? TaskStatus.COMPLETED : view.status;
        record(view, "TaskCompleted", status, e.attempt(), e.workerId(), e.completedAt(),
                e.outcome() + (e.message() == null ? "" : ": " + e.message()));
    }

    private void record(TaskView view, String event, TaskStatus status, int attempt, String workerId, Instant at,
                        String detail) {
        view.status = status;
        Instant time = millis(at);
        if (time != null && (view.updatedAt == null || time.isAfter(view.updatedAt))) {
            view.updatedAt = time;
        }
        view.timeline.add(new TimelineEntry(event, status, attempt, workerId, time, detail));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Map<String, Object> value) {
        return value == null ? null : (Map<String, Object>) Bson.storable(value);
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
