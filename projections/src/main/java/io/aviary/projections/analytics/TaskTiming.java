package io.aviary.projections.analytics;

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
import io.aviary.events.task.TaskTimedOut;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static io.aviary.projections.mongo.Bson.date;
import static io.aviary.projections.mongo.Bson.instant;
import static io.aviary.projections.mongo.Bson.intValue;
import static io.aviary.projections.mongo.Bson.longValue;
import static io.aviary.projections.mongo.Bson.millis;

/**
 * What fleet analytics must remember about one task between its events ({@code analytics_task_timings},
 * {@code _id} = task id): when it was created, since when it waits for a worker, whether it ever started, and since
 * when its current attempt runs where. Turns each task event into contributions to hour documents:
 * <ul>
 *   <li>dispatch latency: created -> first start (counted at the start);</li>
 *   <li>queue wait: waiting since (created, requeued, or the retry's not-before time) -> assigned (at the
 *       assignment; a reassignment moves a task that was not waiting and counts no wait);</li>
 *   <li>busy time of a worker: started -> completed / timed out / reassigned / requeued / cancelled (counted at the
 *       end, in the hour the attempt ended: an approximation for attempts spanning hours);</li>
 *   <li>per type counts: created, outcomes, time-outs, dead letters, cancels.</li>
 * </ul>
 * Guarded by the task's sequence, like {@code tasks}; kept apart from {@code tasks} so that fleet analytics can be
 * rebuilt on its own.
 */
final class TaskTiming {

    static final String COLLECTION = "analytics_task_timings";

    /** A change to the hour document of {@code at}. */
    record Contribution(Instant at, Consumer<FleetHourView> change) {
    }

    final String taskId;
    String type;
    Instant createdAt;
    Instant waitingSince;
    Instant firstStartedAt;
    Instant runningSince;
    int attempt;
    String workerId;
    long seq = -1;

    TaskTiming(String taskId) {
        this.taskId = taskId;
    }

    /** Applies an event newer than {@link #seq} and returns what it adds to the hour documents. */
    List<Contribution> apply(long sequence, TaskEvent event) {
        List<Contribution> contributions = new ArrayList<>();
        if (type == null) {
            type = event.type();
        }
        String taskType = type;
        if (event instanceof TaskCreated e) {
            type = e.type();
            createdAt = millis(e.createdAt());
            waitingSince = createdAt;
            add(contributions, createdAt, hour -> hour.type(e.type()).created++);
        } else if (event instanceof TaskAssigned e) {
            Instant at = millis(e.assignedAt());
            if (waitingSince != null && at != null) {
                long wait = between(waitingSince, at);
                add(contributions, at, hour -> hour.type(taskType).queueWait.add(wait));
            }
            stopRunning(contributions, at);
            waitingSince = null;
            attempt = e.attempt();
            workerId = e.workerId();
        } else if (event instanceof TaskReassigned e) {
            stopRunning(contributions, millis(e.reassignedAt()));
            waitingSince = null;
            attempt = e.attempt();
            workerId = e.toWorkerId();
        } else if (event instanceof TaskStarted e) {
            Instant at = millis(e.startedAt());
            if (firstStartedAt == null && createdAt != null && at != null) {
                long latency = between(createdAt, at);
                add(contributions, at, hour -> hour.type(taskType).dispatchLatency.add(latency));
            }
            if (firstStartedAt == null) {
                firstStartedAt = at;
            }
            runningSince = at;
            attempt = e.attempt();
            workerId = e.workerId();
        } else if (event instanceof TaskCompleted e) {
            Instant at = millis(e.completedAt());
            Outcome outcome = e.outcome() == null ? Outcome.FAILURE : e.outcome();
            add(contributions, at, hour -> {
                TypeStats stats = hour.type(taskType);
                switch (outcome) {
                    case SUCCESS -> stats.success++;
                    case WARNING -> stats.warning++;
                    case FAILURE -> stats.failure++;
                }
                if (outcome.completesTask()) {
                    stats.completed++;
                }
            });
            stopRunning(contributions, at);
        } else if (event instanceof TaskTimedOut e) {
            Instant at = millis(e.timedOutAt());
            add(contributions, at, hour -> hour.type(taskType).timedOut++);
            stopRunning(contributions, at);
        } else if (event instanceof TaskRetryScheduled e) {
            waitingSince = millis(e.notBefore() != null ? e.notBefore() : e.scheduledAt());
        } else if (event instanceof TaskRequeued e) {
            Instant at = millis(e.requeuedAt());
            stopRunning(contributions, at);
            waitingSince = at;
        } else if (event instanceof TaskDeadLettered e) {
            add(contributions, millis(e.deadLetteredAt()), hour -> hour.type(taskType).deadLettered++);
            waitingSince = null;
        } else if (event instanceof TaskCancelled e) {
            Instant at = millis(e.cancelledAt());
            add(contributions, at, hour -> hour.type(taskType).cancelled++);
            stopRunning(contributions, at);
            waitingSince = null;
        }
        seq = sequence;
        return contributions;
    }

    /** The running attempt (if any) ends at {@code at}: its worker was busy from start until then. */
    private void stopRunning(List<Contribution> contributions, Instant at) {
        if (runningSince != null && workerId != null && at != null) {
            long busy = between(runningSince, at);
            String worker = workerId;
            add(contributions, at, hour -> hour.busy(worker, busy));
        }
        runningSince = null;
    }

    private static void add(List<Contribution> contributions, Instant at, Consumer<FleetHourView> change) {
        if (at != null) {
            contributions.add(new Contribution(at, change));
        }
    }

    private static long between(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }

    Document toDocument() {
        return new Document("_id", taskId)
                .append("type", type)
                .append("createdAt", date(createdAt))
                .append("waitingSince", date(waitingSince))
                .append("firstStartedAt", date(firstStartedAt))
                .append("runningSince", date(runningSince))
                .append("attempt", attempt)
                .append("workerId", workerId)
                .append("seq", seq);
    }

    static TaskTiming fromDocument(Document document) {
        TaskTiming timing = new TaskTiming(document.getString("_id"));
        timing.type = document.getString("type");
        timing.createdAt = instant(document, "createdAt");
        timing.waitingSince = instant(document, "waitingSince");
        timing.firstStartedAt = instant(document, "firstStartedAt");
        timing.runningSince = instant(document, "runningSince");
        timing.attempt = intValue(document, "attempt", 0);
        timing.workerId = document.getString("workerId");
        timing.seq = longValue(document, "seq", -1);
        return timing;
    }
}
