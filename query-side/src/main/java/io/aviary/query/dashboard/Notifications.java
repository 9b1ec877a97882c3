package io.aviary.query.dashboard;

import io.aviary.events.AviaryEvent;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaEvent;
import io.aviary.events.area.AreaExecutionCompleted;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
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
import io.aviary.events.worker.WorkerEvent;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;

import java.time.Instant;
import java.util.Optional;

/**
 * Event -> {@link Notification}. Statuses follow the read models' rules (READ_MODELS.md), so what the dashboard
 * shows from a notification is what it will read a moment later; an event that does not decide a status (a FAILURE
 * report, a time-out: the aggregate's retry or dead-letter decision follows) leaves it out. User events are not
 * streamed: who logs in is not the fleet's business.
 */
final class Notifications {

    private Notifications() {
    }

    static Optional<Notification> of(AviaryEvent event, Instant at) {
        String type = event.getClass().getSimpleName();
        if (event instanceof WorkerEvent worker) {
            return Optional.of(new Notification(type, "worker", worker.workerId(), worker.workerId(), null,
                    workerState(worker), null, at));
        }
        if (event instanceof TaskEvent task) {
            return Optional.of(task(type, task, at));
        }
        if (event instanceof AccountEvent account) {
            return Optional.of(new Notification(type, "account", account.accountId(), account.workerId(), null, null,
                    null, at));
        }
        if (event instanceof AreaEvent area) {
            return Optional.of(new Notification(type, "area", area.areaId(), null, null, areaStatus(area), null, at));
        }
        return Optional.empty();
    }

    private static String workerState(WorkerEvent event) {
        if (event instanceof WorkerRegistered) {
            return WorkerState.AVAILABLE.name();
        }
        return event instanceof WorkerStateChanged changed ? changed.to().name() : null;
    }

    private static Notification task(String type, TaskEvent event, Instant at) {
        String id = event.taskId();
        if (event instanceof TaskCreated) {
            return new Notification(type, "task", id, null, null, TaskStatus.QUEUED.name(), null, at);
        }
        if (event instanceof TaskAssigned assigned) {
            return new Notification(type, "task", id, assigned.workerId(), null, TaskStatus.ASSIGNED.name(), null, at);
        }
        if (event instanceof TaskReassigned moved) {
            return new Notification(type, "task", id, moved.toWorkerId(), moved.fromWorkerId(),
                    TaskStatus.ASSIGNED.name(), null, at);
        }
        if (event instanceof TaskStarted started) {
            return new Notification(type, "task", id, started.workerId(), null, TaskStatus.RUNNING.name(), null, at);
        }
        if (event instanceof TaskCompleted completed) {
            String status = completed.outcome() == Outcome.FAILURE ? null : TaskStatus.COMPLETED.name();
            return new Notification(type, "task", id, completed.workerId(), null, status,
                    completed.outcome() == null ? null : completed.outcome().name(), at);
        }
        if (event instanceof TaskTimedOut timedOut) {
            return new Notification(type, "task", id, timedOut.workerId(), null, null, null, at);
        }
        if (event instanceof TaskRequeued requeued) {
            return new Notification(type, "task", id, null, requeued.fromWorkerId(), TaskStatus.QUEUED.name(), null,
                    at);
        }
        if (event instanceof TaskCancelled cancelled) {
            return new Notification(type, "task", id, cancelled.workerId(), null, TaskStatus.CANCELLED.name(), null,
                    at);
        }
        if (event instanceof TaskRetryScheduled) {
            return new Notification(type, "task", id, null, null, TaskStatus.RETRY_SCHEDULED.name(), null, at);
        }
        if (event instanceof TaskDeadLettered) {
            return new Notification(type, "task", id, null, null, TaskStatus.DEAD_LETTERED.name(), null, at);
        }
        return new Notification(type, "task", id, null, null, null, null, at);
    }

    private static String areaStatus(AreaEvent event) {
        if (event instanceof AreaExecutionCompleted completed) {
            return completed.status() == null ? null : completed.status().name();
        }
        if (event instanceof AreaScheduled || event instanceof AreaResumed) {
            return "ACTIVE";
        }
        if (event instanceof AreaPaused) {
            return "PAUSED";
        }
        return event instanceof AreaDeleted ? "DELETED" : null;
    }
}
