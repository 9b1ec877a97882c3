package io.aviary.projections.queue;

import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskEvent;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskTimedOut;
import io.aviary.projections.task.TaskChange;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import static io.aviary.projections.mongo.Bson.millis;

/**
 * Applies task changes to the queues of the workers they concern. Only attempts move: creation, retry scheduling
 * and dead-lettering concern no worker's queue (the attempt already ended with its failure or time-out).
 */
public final class WorkerQueueProjection {

    /** The workers whose queue a change touches (to load their documents before applying). */
    public static Set<String> workersOf(TaskChange change) {
        Set<String> workers = new LinkedHashSet<>();
        TaskEvent event = change.event();
        if (event instanceof TaskAssigned e) {
            workers.add(e.workerId());
        } else if (event instanceof TaskReassigned e) {
            workers.add(e.fromWorkerId());
            workers.add(e.toWorkerId());
        } else if (event instanceof TaskStarted e) {
            workers.add(e.workerId());
        } else if (event instanceof TaskCompleted e) {
            workers.add(e.workerId());
        } else if (event instanceof TaskTimedOut e) {
            workers.add(e.workerId());
        } else if (event instanceof TaskRequeued e) {
            workers.add(e.fromWorkerId());
        } else if (event instanceof TaskCancelled e) {
            workers.add(e.workerId());
        }
        workers.remove(null);
        return workers;
    }

    /** Applies the change to the queue(s) it concerns, obtained from {@code queueOf} by worker id. */
    public void apply(TaskChange change, Function<String, WorkerQueueView> queueOf) {
        TaskEvent event = change.event();
        int priority = change.priority();
        if (event instanceof TaskAssigned e) {
            queueOf.apply(e.workerId()).assign(e.taskId(), e.attempt(), e.type(), priority, millis(e.assignedAt()));
        } else if (event instanceof TaskReassigned e) {
            if (e.fromWorkerId() != null) {
                queueOf.apply(e.fromWorkerId()).handOver(e.taskId(), e.attempt(), millis(e.reassignedAt()),
                        e.reason());
            }
            queueOf.apply(e.toWorkerId()).assign(e.taskId(), e.attempt(), e.type(), priority,
                    millis(e.reassignedAt()));
        } else if (event instanceof TaskStarted e) {
            queueOf.apply(e.workerId()).start(e.taskId(), e.attempt(), e.type(), priority, millis(e.startedAt()));
        } else if (event instanceof TaskCompleted e) {
            String result = e.outcome() == null ? "FAILURE" : e.outcome().name();
            queueOf.apply(e.workerId()).finish(e.taskId(), e.attempt(), e.type(), priority, result,
                    millis(e.completedAt()), e.message(), false);
        } else if (event instanceof TaskTimedOut e) {
            queueOf.apply(e.workerId()).finish(e.taskId(), e.attempt(), e.type(), priority, "TIMED_OUT",
                    millis(e.timedOutAt()), null, false);
        } else if (event instanceof TaskRequeued e && e.fromWorkerId() != null) {
            queueOf.apply(e.fromWorkerId()).finish(e.taskId(), e.attempt(), e.type(), priority, "REQUEUED",
                    millis(e.requeuedAt()), e.reason(), false);
        } else if (event instanceof TaskCancelled e && e.workerId() != null) {
            queueOf.apply(e.workerId()).finish(e.taskId(), e.attempt(), e.type(), priority, "CANCELLED",
                    millis(e.cancelledAt()), e.reason(), true);
        }
    }
}
