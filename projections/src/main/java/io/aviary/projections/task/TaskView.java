package io.aviary.projections.task;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code tasks} document of one task while a batch is applied to it. Mutable on purpose: a batch applies
 * several events to the same document in memory and writes it once.
 */
public final class TaskView {

    /** Sequence held by a document that has not applied any event yet. */
    public static final long NO_SEQUENCE = -1;

    final String taskId;
    String type;
    TaskStatus status;
    int attempt;
    Outcome outcome;
    String workerId;
    int priority;
    Map<String, Object> payload;
    Map<String, String> requiredLabels = Map.of();
    int maxAttempts;
    long timeoutMs;
    String idempotencyKey;
    int failures;
    int assignmentFee;
    int completionReward;
    Instant createdAt;
    Instant updatedAt;
    Instant notBefore;
    String message;
    Map<String, Object> output;
    final List<TimelineEntry> timeline = new ArrayList<>();
    long seq = NO_SEQUENCE;

    public TaskView(String taskId) {
        this.taskId = taskId;
    }

    public String taskId() {
        return taskId;
    }

    public String type() {
        return type;
    }

    public TaskStatus status() {
        return status;
    }

    public int attempt() {
        return attempt;
    }

    /** The worker of the current or, once it ended, of the last attempt; {@code null} before the first one. */
    public String workerId() {
        return workerId;
    }

    public int priority() {
        return priority;
    }

    /** Aggregate sequence of the last event applied. */
    public long seq() {
        return seq;
    }

    public List<TimelineEntry> timeline() {
        return List.copyOf(timeline);
    }
}
