package io.aviary.projections.worker;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.worker.WorkerCapacityChanged;
import io.aviary.events.worker.WorkerEvent;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;
import io.aviary.projections.task.TaskChange;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.aviary.projections.mongo.Bson.millis;

/** Applies worker events, and the outcomes of finished tasks, to a {@link WorkerView}. */
public final class WorkerProjection {

    /** Applies a worker event if it is newer than what the view holds; returns whether it did. */
    public boolean apply(WorkerView view, long sequence, WorkerEvent event) {
        if (sequence <= view.seq) {
            return false;
        }
        if (event instanceof WorkerRegistered e) {
            view.name = e.name();
            view.hardwareId = e.hardwareId();
            view.state = WorkerState.AVAILABLE;
            view.stateReason = "registered";
            capacity(view, e.slots(), e.maxQueue(), e.taskTypes(), e.labels());
            view.registeredAt = millis(e.registeredAt());
            touch(view, e.registeredAt());
        } else if (event instanceof WorkerStateChanged e) {
            view.state = e.to();
            view.stateReason = e.reason();
            touch(view, e.changedAt());
        } else if (event instanceof WorkerCapacityChanged e) {
            capacity(view, e.slots(), e.maxQueue(), e.taskTypes(), e.labels());
            touch(view, e.changedAt());
        } else {
            throw new IllegalArgumentException("Not a worker event this projection knows: " + event.getClass());
        }
        view.seq = sequence;
        view.workerChanged = true;
        return true;
    }

    /**
     * The worker a finished task counts for, with its outcome: a completed task (SUCCESS/WARNING) for the worker that
     * reported it, a dead-lettered one for the worker of its last attempt. Other task events finish nothing.
     */
    public static Optional<Map.Entry<String, LastOutcome>> outcomeOf(TaskChange change) {
        if (change.event() instanceof TaskCompleted e && e.outcome() != null && e.outcome().completesTask()) {
            return entry(e.workerId(),
                    new LastOutcome(e.taskId(), e.outcome(), TaskStatus.COMPLETED, millis(e.completedAt())));
        }
        if (change.event() instanceof TaskDeadLettered e) {
            return entry(change.lastWorkerId(),
                    new LastOutcome(e.taskId(), Outcome.FAILURE, TaskStatus.DEAD_LETTERED, millis(e.deadLetteredAt())));
        }
        return Optional.empty();
    }

    /**
     * Records a finished task of {@code taskType} unless the view holds a more recent one. Idempotent: applying the
     * same outcome again changes nothing.
     */
    public boolean recordOutcome(WorkerView view, String taskType, LastOutcome outcome) {
        LastOutcome current = view.lastOutcomes.get(taskType);
        if (outcome.equals(current) || !outcome.supersedes(current)) {
            return false;
        }
        view.lastOutcomes.put(taskType, outcome);
        view.outcomesChanged = true;
        return true;
    }

    private static Optional<Map.Entry<String, LastOutcome>> entry(String workerId, LastOutcome outcome) {
        return workerId == null ? Optional.empty() : Optional.of(Map.entry(workerId, outcome));
    }

    private static void capacity(WorkerView view, int slots, int maxQueue, List<String> taskTypes,
                                 Map<String, String> labels) {
        view.slots = slots;
        view.maxQueue = maxQueue;
        view.taskTypes = taskTypes == null ? List.of() : List.copyOf(taskTypes);
        view.labels = labels == null ? Map.of() : labels;
    }

    private static void touch(WorkerView view, Instant at) {
        Instant time = millis(at);
        if (time != null && (view.updatedAt == null || time.isAfter(view.updatedAt))) {
            view.updatedAt = time;
        }
    }
}
