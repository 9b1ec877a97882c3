package io.aviary.command.dispatch;

import java.time.Instant;
import java.util.Map;

/**
 * A task that waits for a worker, as the dispatch rule sees it.
 *
 * @param taskId         the task
 * @param type           its type; a worker must run this type
 * @param priority       higher is taken first
 * @param requiredLabels labels a worker must carry, each with an equal value
 * @param createdSeq     position of its {@code TaskCreated} in the event stream: the creation order
 * @param notBefore      a retry waits until then; {@code null} when it may go now
 */
public record WaitingTask(String taskId, String type, int priority, Map<String, String> requiredLabels,
                          long createdSeq, Instant notBefore) {

    public WaitingTask {
        requiredLabels = requiredLabels == null ? Map.of() : Map.copyOf(requiredLabels);
    }

    /** Whether the task may be assigned at {@code now} (a scheduled retry waits for its {@code notBefore}). */
    public boolean isReady(Instant now) {
        return notBefore == null || !now.isBefore(notBefore);
    }
}
