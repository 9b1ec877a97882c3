package io.aviary.command.dispatch;

import io.aviary.events.task.TaskStatus;

import java.util.Map;

/**
 * An unfinished task as the {@link FleetView} knows it, read-only (for the shuffle).
 *
 * @param taskId         the task
 * @param type           its type
 * @param priority       higher is taken first
 * @param requiredLabels labels a worker must carry
 * @param createdSeq     creation order
 * @param status         QUEUED, RETRY_SCHEDULED (waiting), ASSIGNED or RUNNING
 * @param workerId       the worker holding the current attempt (ASSIGNED, RUNNING), else {@code null}
 * @param attempt        the current attempt (ASSIGNED, RUNNING), else 0
 */
public record OpenTaskView(String taskId, String type, int priority, Map<String, String> requiredLabels,
                           long createdSeq, TaskStatus status, String workerId, int attempt) {

    public OpenTaskView {
        requiredLabels = requiredLabels == null ? Map.of() : Map.copyOf(requiredLabels);
    }

    /** The task as the dispatch rule's eligibility sees it, ready now. */
    public WaitingTask asWaiting() {
        return new WaitingTask(taskId, type, priority, requiredLabels, createdSeq, null);
    }
}
