package io.aviary.command.dispatch;

import io.aviary.events.worker.WorkerState;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A worker inside {@link FleetView}; mutable, guarded by the view's lock. */
final class TrackedWorker {

    final String workerId;
    String name;
    String hardwareId;
    int slots;
    int maxQueue;
    Set<String> taskTypes = Set.of();
    Map<String, String> labels = Map.of();
    WorkerState state;
    Instant stateSince;
    Instant upSince;
    Instant lastAssignedAt;
    /** Tasks whose current attempt this worker holds. */
    final Set<String> holding = new HashSet<>();

    TrackedWorker(String workerId) {
        this.workerId = workerId;
    }

    void capacity(int slots, int maxQueue, List<String> taskTypes, Map<String, String> labels) {
        this.slots = slots;
        this.maxQueue = maxQueue;
        this.taskTypes = taskTypes == null ? Set.of() : Set.copyOf(taskTypes);
        this.labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    void moveTo(WorkerState to, Instant at) {
        if (!isUp(state) && isUp(to)) {
            upSince = at;
        }
        state = to;
        stateSince = at;
    }

    WorkerCandidate asCandidate(int reservations) {
        return new WorkerCandidate(workerId, state, slots, maxQueue, taskTypes, labels,
                holding.size() + reservations, lastAssignedAt);
    }

    WorkerSnapshot snapshot() {
        return new WorkerSnapshot(workerId, name, state, stateSince, upSince, slots, maxQueue, holding.size(),
                hardwareId);
    }

    /** Up = expected to heartbeat: every state but DOWN and DEREGISTERED. */
    static boolean isUp(WorkerState state) {
        return state != null && state != WorkerState.DOWN && state != WorkerState.DEREGISTERED;
    }
}
