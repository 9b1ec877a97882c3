package io.aviary.command.dispatch;

import java.time.Instant;
import java.util.Map;

/** An unfinished task inside {@link FleetView}; mutable, guarded by the view's lock. */
final class OpenTask {

    final String taskId;
    final String type;
    final int priority;
    final Map<String, String> requiredLabels;
    final long createdSeq;
    /** Whether it waits for an assignment (created, re-queued, or a retry was scheduled). */
    boolean waiting;
    Instant notBefore;
    /** Since when it may be assigned (created, re-queued, or its retry's {@code notBefore}): dispatch latency. */
    Instant waitingSince;
    /** How long one attempt may take (from {@code TaskCreated}, refreshed by each assignment). */
    long timeoutMs;
    /** The attempt a worker holds, or {@code null}. */
    OpenAttempt attempt;

    OpenTask(String taskId, String type, int priority, Map<String, String> requiredLabels, long createdSeq) {
        this.taskId = taskId;
        this.type = type;
        this.priority = priority;
        this.requiredLabels = requiredLabels == null ? Map.of() : Map.copyOf(requiredLabels);
        this.createdSeq = createdSeq;
    }

    WaitingTask asWaiting() {
        return new WaitingTask(taskId, type, priority, requiredLabels, createdSeq, notBefore);
    }
}
