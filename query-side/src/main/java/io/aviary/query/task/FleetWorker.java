package io.aviary.query.task;

import io.aviary.events.worker.WorkerState;

import java.util.List;
import java.util.Map;

/**
 * A registered worker as {@link WaitingRule} sees it.
 *
 * @param active attempts it holds now (ASSIGNED or RUNNING: {@code worker_queues.current})
 */
record FleetWorker(String workerId, WorkerState state, List<String> taskTypes, Map<String, String> labels,
                   int slots, int maxQueue, int active) {

    boolean runs(String type) {
        return taskTypes.contains(type);
    }

    /** Each required label with an equal value. */
    boolean carries(Map<String, String> required) {
        return required.entrySet().stream()
                .allMatch(label -> label.getValue() != null && label.getValue().equals(labels.get(label.getKey())));
    }

    /** As the dispatcher counts it: attempts held below slots + maxQueue. */
    boolean hasRoom() {
        return active < slots + maxQueue;
    }
}
