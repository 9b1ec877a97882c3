package io.aviary.command.dispatch;

import io.aviary.events.worker.WorkerState;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * A worker as the dispatch rule sees it.
 *
 * @param workerId       the worker
 * @param state          its state; only {@link WorkerState#acceptsWork()} states get new tasks
 * @param slots          tasks it runs at once
 * @param maxQueue       tasks it accepts beyond its slots
 * @param taskTypes      task types it runs
 * @param labels         labels it carries
 * @param active         tasks assigned to it and not finished yet (including assignments in flight)
 * @param lastAssignedAt when it last got a task; {@code null} if never
 */
public record WorkerCandidate(String workerId, WorkerState state, int slots, int maxQueue, Set<String> taskTypes,
                              Map<String, String> labels, int active, Instant lastAssignedAt) {

    public WorkerCandidate {
        taskTypes = taskTypes == null ? Set.of() : Set.copyOf(taskTypes);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /** Slots not running anything. */
    public int freeSlots() {
        return Math.max(0, slots - active);
    }

    /** Tasks waiting on the worker beyond its slots. */
    public int queueLength() {
        return Math.max(0, active - slots);
    }

    /** Whether one more task fits: in a free slot or in its queue. */
    public boolean hasRoom() {
        return active < slots + maxQueue;
    }

    /** Whether this worker may take {@code task} now: it is up, has room, runs the type and carries the labels. */
    public boolean canTake(WaitingTask task) {
        return state.acceptsWork() && hasRoom() && taskTypes.contains(task.type()) && carries(task.requiredLabels());
    }

    /** Whether this worker takes tasks like {@code task} at all (up, runs the type, carries the labels), full or not. */
    public boolean accepts(String type, Map<String, String> requiredLabels) {
        return state.acceptsWork() && taskTypes.contains(type) && carries(requiredLabels);
    }

    /** The same worker with one more task, given to it at {@code at}. */
    public WorkerCandidate withOneMore(Instant at) {
        return new WorkerCandidate(workerId, state, slots, maxQueue, taskTypes, labels, active + 1, at);
    }

    private boolean carries(Map<String, String> required) {
        return required.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }
}
