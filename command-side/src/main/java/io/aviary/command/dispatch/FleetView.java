package io.aviary.command.dispatch;

import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskStatus;
import io.aviary.events.task.TaskTimedOut;
import io.aviary.events.worker.WorkerCapacityChanged;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerState;
import io.aviary.events.worker.WorkerStateChanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the dispatcher knows: the fleet, the unfinished tasks, the attempts workers hold, and the commands in flight.
 * Built only from events (the {@code on(...)} methods), so a fresh view fed from the start of the event store is
 * the same view. Finished tasks are dropped: memory follows the open work, not the history.
 * <p>
 * Thread-safety: one lock (this object) guards everything. The event processor thread writes, the dispatch thread
 * plans a round, command callbacks release reservations, the liveness monitor reads snapshots. A round holds the
 * lock only while it plans (no I/O), and the commands are sent after it is released.
 */
public final class FleetView {

    /** {@link DispatchPolicy#QUEUE_ORDER}, so the policy gets the waiting tasks already sorted. */
    private static final Comparator<OpenTask> QUEUE_ORDER = Comparator
            .comparingInt((OpenTask task) -> task.priority).reversed()
            .thenComparingLong(task -> task.createdSeq);

    private final DispatchPolicy policy;
    private final AttemptSweep sweep;
    private final Map<String, TrackedWorker> workers = new LinkedHashMap<>();
    private final Map<String, OpenTask> tasks = new HashMap<>();
    /** Tasks with {@code waiting} set, in the order they are taken. */
    private final NavigableSet<OpenTask> waiting = new TreeSet<>(QUEUE_ORDER);
    /** At most one command per task is in flight. */
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private long createdSeq;

    public FleetView(DispatchPolicy policy, AttemptSweep sweep) {
        this.policy = policy;
        this.sweep = sweep;
    }

    // ---- workers ----

    public synchronized void on(WorkerRegistered event) {
        TrackedWorker worker = workers.computeIfAbsent(event.workerId(), TrackedWorker::new);
        worker.name = event.name();
        worker.hardwareId = event.hardwareId();
        worker.capacity(event.slots(), event.maxQueue(), event.taskTypes(), event.labels());
        worker.moveTo(WorkerState.AVAILABLE, event.registeredAt());
    }

    public synchronized void on(WorkerStateChanged event) {
        TrackedWorker worker = workers.computeIfAbsent(event.workerId(), TrackedWorker::new);
        worker.moveTo(event.to(), event.changedAt());
    }

    public synchronized void on(WorkerCapacityChanged event) {
        TrackedWorker worker = workers.computeIfAbsent(event.workerId(), TrackedWorker::new);
        worker.capacity(event.slots(), event.maxQueue(), event.taskTypes(), event.labels());
    }

    // ---- tasks ----

    public synchronized void on(TaskCreated event) {
        if (tasks.containsKey(event.taskId())) {
            return;
        }
        OpenTask task = new OpenTask(event.taskId(), event.type(), event.priority(), event.requiredLabels(),
                createdSeq++);
        task.timeoutMs = event.timeoutMs();
        tasks.put(task.taskId, task);
        startWaiting(task, null, event.createdAt());
    }

    public synchronized void on(TaskAssigned event) {
        hold(event.taskId(), event.attempt(), event.workerId(), event.assignedAt(), event.timeoutMs());
    }

    public synchronized void on(TaskReassigned event) {
        hold(event.taskId(), event.attempt(), event.toWorkerId(), event.reassignedAt(), event.timeoutMs());
    }

    public synchronized void on(TaskStarted event) {
        OpenTask task = tasks.get(event.taskId());
        if (task != null && task.attempt != null && task.attempt.attempt() == event.attempt()) {
            // From its start, the attempt gets the whole timeout to run (TaskTimedOut: "ran, or waited for its
            // start, longer than the timeout").
            task.attempt = new OpenAttempt(task.taskId, task.attempt.attempt(), task.attempt.workerId(), true,
                    event.startedAt().plusMillis(task.timeoutMs));
        }
    }

    public synchronized void on(TaskCompleted event) {
        if (event.outcome().completesTask()) {
            forget(event.taskId());
        } else {
            release(event.taskId()); // a TaskRetryScheduled or TaskDeadLettered follows
        }
    }

    public synchronized void on(TaskTimedOut event) {
        release(event.taskId()); // a TaskRetryScheduled or TaskDeadLettered follows
    }

    public synchronized void on(TaskRetryScheduled event) {
        OpenTask task = release(event.taskId());
        if (task != null) {
            startWaiting(task, event.notBefore(), event.notBefore());
        }
    }

    public synchronized void on(TaskRequeued event) {
        OpenTask task = release(event.taskId());
        if (task != null) {
            startWaiting(task, null, event.requeuedAt());
        }
    }

    public synchronized void on(TaskDeadLettered event) {
        forget(event.taskId());
    }

    public synchronized void on(TaskCancelled event) {
        forget(event.taskId());
    }

    // ---- dispatch ----

    /**
     * Plans one round and marks its commands as in flight: first the attempts to take back (see
     * {@link AttemptSweep}), then the assignments (see {@link DispatchPolicy}). Tasks with a command in flight are
     * left out; assignments in flight count against their worker's capacity.
     *
     * @param now the current time
     * @return the commands to send, each to be reported through {@link #commandFailed} if it fails
     */
    public synchronized List<InFlight> nextRound(Instant now) {
        List<Object> commands = new ArrayList<>(sweep.sweep(attemptsNotInFlight(), workerStates(), now));
        commands.addAll(policy.plan(waitingNotInFlight(), candidates(), now));
        List<InFlight> round = new ArrayList<>(commands.size());
        for (Object command : commands) {
            InFlight entry = InFlight.of(command);
            OpenTask task = tasks.get(entry.taskId());
            if (task != null && task.waiting) {
                entry = entry.waitingSince(task.waitingSince);
            }
            inFlight.put(entry.taskId(), entry);
            round.add(entry);
        }
        return round;
    }

    /** A command failed (a rejection is normal, e.g. the task was cancelled meanwhile): the task may be tried again. */
    public synchronized void commandFailed(InFlight command) {
        inFlight.remove(command.taskId(), command);
    }

    // ---- readers ----

    /** Every known worker, in registration order. */
    public synchronized List<WorkerSnapshot> workers() {
        return workers.values().stream().map(TrackedWorker::snapshot).toList();
    }

    /** One worker, if known. */
    public synchronized Optional<WorkerSnapshot> worker(String workerId) {
        return Optional.ofNullable(workers.get(workerId)).map(TrackedWorker::snapshot);
    }

    /** How many tasks wait for a worker (scheduled retries included). */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    /**
     * Why a task of {@code type} with {@code requiredLabels} would wait without end, if it would: no worker that
     * accepts work runs the type, or none of those carries the labels. Empty when one could take it (now or once it
     * has room).
     */
    public synchronized Optional<String> whyNoWorkerCanTake(String type, Map<String, String> requiredLabels) {
        List<WorkerCandidate> fleet = candidates();
        if (fleet.stream().anyMatch(worker -> worker.accepts(type, requiredLabels))) {
            return Optional.empty();
        }
        boolean typeRuns = fleet.stream().anyMatch(worker -> worker.accepts(type, Map.of()));
        return Optional.of(typeRuns
                ? "no AVAILABLE worker of type " + type + " carries the labels " + requiredLabels
                + "; the task waits until one registers"
                : "no AVAILABLE worker accepts type " + type + "; the task waits until one registers");
    }

    /** How many waiting tasks no worker that accepts work could take (wrong type or labels), full or not. */
    public synchronized int waitingWithoutWorker() {
        List<WorkerCandidate> fleet = candidates();
        int count = 0;
        for (OpenTask task : waiting) {
            if (fleet.stream().noneMatch(worker -> worker.accepts(task.type, task.requiredLabels))) {
                count++;
            }
        }
        return count;
    }

    /** How many known workers are in {@code state}. */
    public synchronized int workerCount(WorkerState state) {
        int count = 0;
        for (TrackedWorker worker : workers.values()) {
            if (worker.state == state) {
                count++;
            }
        }
        return count;
    }

    /**
     * The open work at one moment, for the shuffle: every unfinished task that waits, is assigned or runs (a task
     * between a failure and its retry is left out), and the fleet as {@link #nextRound} would see it.
     */
    public synchronized OpenWork openWork() {
        List<OpenTaskView> open = new ArrayList<>();
        for (OpenTask task : tasks.values()) {
            TaskStatus status = statusOf(task);
            if (status != null) {
                OpenAttempt held = task.attempt;
                open.add(new OpenTaskView(task.taskId, task.type, task.priority, task.requiredLabels,
                        task.createdSeq, status, held != null ? held.workerId() : null,
                        held != null ? held.attempt() : 0));
            }
        }
        open.sort(Comparator.comparingLong(OpenTaskView::createdSeq));
        return new OpenWork(open, candidates());
    }

    // ---- internals ----

    private static TaskStatus statusOf(OpenTask task) {
        if (task.waiting) {
            return task.notBefore != null ? TaskStatus.RETRY_SCHEDULED : TaskStatus.QUEUED;
        }
        if (task.attempt != null) {
            return task.attempt.started() ? TaskStatus.RUNNING : TaskStatus.ASSIGNED;
        }
        return null; // a failure or time-out whose retry (or dead letter) is not seen yet
    }

    private void startWaiting(OpenTask task, Instant notBefore, Instant waitingSince) {
        task.waiting = true;
        task.notBefore = notBefore;
        task.waitingSince = waitingSince;
        waiting.add(task);
    }

    private void hold(String taskId, int attempt, String workerId, Instant assignedAt, long timeoutMs) {
        OpenTask task = release(taskId);
        if (task == null) {
            return;
        }
        waiting.remove(task);
        task.waiting = false;
        task.notBefore = null;
        task.timeoutMs = timeoutMs;
        task.attempt = new OpenAttempt(taskId, attempt, workerId, false, assignedAt.plusMillis(timeoutMs));
        TrackedWorker worker = workers.get(workerId);
        if (worker != null) {
            worker.holding.add(taskId);
            worker.lastAssignedAt = assignedAt;
        }
    }

    /** Ends the task's current attempt (if any) and its command in flight; the task stays, not waiting. */
    private OpenTask release(String taskId) {
        inFlight.remove(taskId);
        OpenTask task = tasks.get(taskId);
        if (task == null) {
            return null;
        }
        if (task.attempt != null) {
            TrackedWorker holder = workers.get(task.attempt.workerId());
            if (holder != null) {
                holder.holding.remove(taskId);
            }
            task.attempt = null;
        }
        return task;
    }

    private void forget(String taskId) {
        OpenTask task = release(taskId);
        if (task != null) {
            waiting.remove(task);
            tasks.remove(taskId);
        }
    }

    private List<OpenAttempt> attemptsNotInFlight() {
        List<OpenAttempt> attempts = new ArrayList<>();
        for (OpenTask task : tasks.values()) {
            if (task.attempt != null && !inFlight.containsKey(task.taskId)) {
                attempts.add(task.attempt);
            }
        }
        return attempts;
    }

    private List<WaitingTask> waitingNotInFlight() {
        List<WaitingTask> ready = new ArrayList<>(waiting.size());
        for (OpenTask task : waiting) {
            if (!inFlight.containsKey(task.taskId)) {
                ready.add(task.asWaiting());
            }
        }
        return ready;
    }

    private List<WorkerCandidate> candidates() {
        Map<String, Integer> reservations = new HashMap<>();
        for (InFlight entry : inFlight.values()) {
            if (entry.reservedWorkerId() != null) {
                reservations.merge(entry.reservedWorkerId(), 1, Integer::sum);
            }
        }
        return workers.values().stream()
                .filter(worker -> worker.state != null)
                .map(worker -> worker.asCandidate(reservations.getOrDefault(worker.workerId, 0)))
                .toList();
    }

    private Map<String, WorkerState> workerStates() {
        Map<String, WorkerState> states = new HashMap<>();
        workers.values().forEach(worker -> states.put(worker.workerId, worker.state));
        return states;
    }
}
