package io.aviary.command.dispatch;

import io.aviary.command.task.TaskCommands.AssignTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dispatch rule (DESIGN §5), free of Axon and threads so it reads, and is tested, on its own.
 * <ol>
 *   <li>Tasks are taken by priority (higher first), then in creation order; a scheduled retry waits for its
 *       {@code notBefore}.</li>
 *   <li>A worker is eligible when it accepts work (AVAILABLE or WORKING), runs the task's type, carries every
 *       required label with an equal value, and has room: active &lt; slots + maxQueue.</li>
 *   <li>Among the eligible: most free slots, then the shortest queue, then the least recently assigned
 *       (never assigned first); the worker id breaks a remaining tie so the choice is deterministic.</li>
 *   <li>A task without an eligible worker waits; the tasks behind it are still considered, since another type or
 *       other labels may fit elsewhere.</li>
 * </ol>
 */
public final class DispatchPolicy {

    /** Priority (higher first), then creation order. */
    public static final Comparator<WaitingTask> QUEUE_ORDER = Comparator
            .comparingInt(WaitingTask::priority).reversed()
            .thenComparingLong(WaitingTask::createdSeq);

    /** The best worker sorts first. */
    static final Comparator<WorkerCandidate> PREFERENCE = Comparator
            .comparingInt(WorkerCandidate::freeSlots).reversed()
            .thenComparingInt(WorkerCandidate::queueLength)
            .thenComparing(WorkerCandidate::lastAssignedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(WorkerCandidate::workerId);

    /**
     * Plans one round: which waiting task goes to which worker. Each choice counts against the chosen worker's
     * capacity for the rest of the round.
     *
     * @param waiting the tasks waiting for a worker, in any order
     * @param fleet   every known worker, eligible or not
     * @param now     the current time (for retries and for "least recently assigned")
     * @return the assignments, in the order the tasks were taken
     */
    public List<AssignTask> plan(List<WaitingTask> waiting, List<WorkerCandidate> fleet, Instant now) {
        Map<String, WorkerCandidate> workers = new LinkedHashMap<>();
        fleet.forEach(worker -> workers.put(worker.workerId(), worker));
        List<WaitingTask> queue = new ArrayList<>(waiting);
        queue.sort(QUEUE_ORDER);

        List<AssignTask> assignments = new ArrayList<>();
        for (WaitingTask task : queue) {
            if (workers.values().stream().noneMatch(w -> w.state().acceptsWork() && w.hasRoom())) {
                break; // the fleet is full: nothing further down the queue can go either
            }
            if (!task.isReady(now)) {
                continue;
            }
            chooseWorker(task, workers.values()).ifPresent(worker -> {
                assignments.add(new AssignTask(task.taskId(), worker.workerId()));
                workers.put(worker.workerId(), worker.withOneMore(now));
            });
        }
        return assignments;
    }

    /**
     * Every worker that may take {@code task} now (rule 2: up, runs the type, carries the labels, has room), in the
     * order given. For choices other than the dispatcher's "best" one (the shuffle picks among them at random).
     */
    public List<WorkerCandidate> eligibleWorkers(WaitingTask task, Collection<WorkerCandidate> fleet) {
        return fleet.stream().filter(worker -> worker.canTake(task)).toList();
    }

    /** The best eligible worker for {@code task}, if any. */
    public Optional<WorkerCandidate> chooseWorker(WaitingTask task, Iterable<WorkerCandidate> fleet) {
        WorkerCandidate best = null;
        for (WorkerCandidate worker : fleet) {
            if (worker.canTake(task) && (best == null || PREFERENCE.compare(worker, best) < 0)) {
                best = worker;
            }
        }
        return Optional.ofNullable(best);
    }
}
