package io.aviary.projections.apply;

import io.aviary.events.AviaryEvent;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskTimedOut;
import io.aviary.events.worker.WorkerCapacityChanged;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds event streams as the command side would emit them: per-aggregate sequences from 0, a clock that advances one
 * second per event.
 */
public final class EventFeed {

    private final Map<String, Long> sequences = new HashMap<>();
    private final List<ProjectedEvent> events = new ArrayList<>();
    private Instant clock = Instant.parse("2025-03-01T10:00:00.123456Z");

    public static String newTaskId() {
        return UUID.randomUUID().toString();
    }

    public static String newWorkerId() {
        return WorkerIds.forName("worker-" + UUID.randomUUID());
    }

    public List<ProjectedEvent> events() {
        return List.copyOf(events);
    }

    /** The event at {@code index} as recorded (to redeliver it). */
    ProjectedEvent get(int index) {
        return events.get(index);
    }

    Instant now() {
        return clock;
    }

    ProjectedEvent add(AviaryEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        ProjectedEvent projected = new ProjectedEvent(UUID.randomUUID().toString(), sequence, event);
        events.add(projected);
        return projected;
    }

    private Instant tick() {
        clock = clock.plus(Duration.ofSeconds(1));
        return clock;
    }

    // workers

    public EventFeed registered(String workerId, String name, String... taskTypes) {
        add(new WorkerRegistered(workerId, name, "hw-" + name, 2, 5, List.of(taskTypes), Map.of("zone", "eu"),
                tick()));
        return this;
    }

    public EventFeed stateChanged(String workerId, WorkerState from, WorkerState to, String reason) {
        add(new WorkerStateChanged(workerId, from, to, reason, tick()));
        return this;
    }

    public EventFeed capacityChanged(String workerId, int slots, int maxQueue, String... taskTypes) {
        add(new WorkerCapacityChanged(workerId, slots, maxQueue, List.of(taskTypes), Map.of("zone", "us"), tick()));
        return this;
    }

    // tasks

    public EventFeed created(String taskId, String type, int maxAttempts) {
        add(new TaskCreated(taskId, type, Map.of("n", 1), 5, Map.of(), maxAttempts, 60_000, null, 12, 30, tick()));
        return this;
    }

    public EventFeed assigned(String taskId, String type, int attempt, String workerId) {
        add(new TaskAssigned(taskId, type, attempt, workerId, Map.of("n", 1), 60_000, tick()));
        return this;
    }

    public EventFeed started(String taskId, String type, int attempt, String workerId) {
        add(new TaskStarted(taskId, type, attempt, workerId, tick()));
        return this;
    }

    public EventFeed completed(String taskId, String type, int attempt, String workerId, Outcome outcome) {
        add(new TaskCompleted(taskId, type, attempt, workerId, outcome, Map.of("result", outcome.name()),
                outcome == Outcome.FAILURE ? "boom" : "done", tick()));
        return this;
    }

    public EventFeed retryScheduled(String taskId, String type, int failedAttempt, int failures) {
        Instant now = tick();
        add(new TaskRetryScheduled(taskId, type, failedAttempt, failures, now.plusMillis(500), "boom", now));
        return this;
    }

    public EventFeed timedOut(String taskId, String type, int attempt, String workerId) {
        add(new TaskTimedOut(taskId, type, attempt, workerId, tick()));
        return this;
    }

    public EventFeed deadLettered(String taskId, String type, int attempt, int failures) {
        add(new TaskDeadLettered(taskId, type, attempt, failures, "timed out", tick()));
        return this;
    }

    public EventFeed reassigned(String taskId, String type, int attempt, String from, String to) {
        add(new TaskReassigned(taskId, type, attempt, from, to, Map.of("n", 1), 60_000, "shuffle", tick()));
        return this;
    }

    public EventFeed requeued(String taskId, String type, int attempt, String from) {
        add(new TaskRequeued(taskId, type, attempt, from, "worker down", tick()));
        return this;
    }

    public EventFeed cancelled(String taskId, String type, int attempt, String workerId) {
        add(new TaskCancelled(taskId, type, attempt, workerId, "no longer needed", tick()));
        return this;
    }
}
