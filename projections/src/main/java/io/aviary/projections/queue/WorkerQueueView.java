package io.aviary.projections.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The {@code worker_queues} document of one worker: the attempts it holds now ({@code current}, oldest assignment
 * first) and the attempts it finished ({@code history}, most recent first, at most {@link #HISTORY_LIMIT}).
 * Entries are keyed by task id + attempt and kept in a fixed order, so applying the same events again, in any
 * grouping, leaves the same document.
 */
public final class WorkerQueueView {

    /** How many finished attempts a worker's history keeps. */
    public static final int HISTORY_LIMIT = 100;

    private static final Comparator<QueueEntry> CURRENT_ORDER = Comparator
            .comparing(QueueEntry::assignedAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(QueueEntry::taskId)
            .thenComparingInt(QueueEntry::attempt);
    private static final Comparator<QueueEntry> HISTORY_ORDER = Comparator
            .comparing(QueueEntry::finishedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(QueueEntry::taskId)
            .thenComparing(QueueEntry::attempt, Comparator.reverseOrder());

    final String workerId;
    final List<QueueEntry> current = new ArrayList<>();
    final List<QueueEntry> history = new ArrayList<>();
    Instant updatedAt;
    private boolean changed;

    public WorkerQueueView(String workerId) {
        this.workerId = workerId;
    }

    public String workerId() {
        return workerId;
    }

    public boolean changed() {
        return changed;
    }

    public List<QueueEntry> current() {
        return List.copyOf(current);
    }

    public List<QueueEntry> history() {
        return List.copyOf(history);
    }

    /** The worker received an attempt. No-op if that attempt is already held or already ended. */
    void assign(String taskId, int attempt, String type, int priority, Instant at) {
        if (find(history, taskId, attempt).isPresent() || find(current, taskId, attempt).isPresent()) {
            return;
        }
        current.add(new QueueEntry(taskId, attempt, type, priority, "ASSIGNED", at, null, null, null));
        current.sort(CURRENT_ORDER);
        touch(at);
    }

    /** The worker started an attempt. No-op if it is running already or has ended. */
    void start(String taskId, int attempt, String type, int priority, Instant at) {
        if (find(history, taskId, attempt).isPresent()) {
            return;
        }
        Optional<QueueEntry> held = find(current, taskId, attempt);
        if (held.isPresent() && "RUNNING".equals(held.get().status())) {
            return;
        }
        QueueEntry entry = held.orElse(new QueueEntry(taskId, attempt, type, priority, "ASSIGNED", null, null, null,
                null));
        current.remove(entry);
        current.add(entry.running(at));
        current.sort(CURRENT_ORDER);
        touch(at);
    }

    /**
     * An attempt ended: it moves from {@code current} to {@code history}. The first ending recorded for an attempt
     * stays; with {@code onlyIfHeld}, an attempt the worker does not hold is left alone (a cancel after the attempt
     * already failed).
     */
    void finish(String taskId, int attempt, String type, int priority, String result, Instant at, String message,
                boolean onlyIfHeld) {
        Optional<QueueEntry> held = find(current, taskId, attempt);
        if (held.isEmpty() && (onlyIfHeld || find(history, taskId, attempt).isPresent())) {
            return;
        }
        held.ifPresent(current::remove);
        if (find(history, taskId, attempt).isEmpty()) {
            QueueEntry entry = held.orElse(new QueueEntry(taskId, attempt, type, priority, null, null, null, null,
                    null));
            addToHistory(entry.finished(result, at, message));
        }
        touch(at);
    }

    /** The task moved to another worker as attempt {@code newAttempt}: every earlier attempt held here ends. */
    void handOver(String taskId, int newAttempt, Instant at, String reason) {
        List<QueueEntry> earlier = current.stream()
                .filter(entry -> entry.taskId().equals(taskId) && entry.attempt() < newAttempt)
                .toList();
        for (QueueEntry entry : earlier) {
            finish(taskId, entry.attempt(), entry.type(), entry.priority(), "REASSIGNED", at, reason, true);
        }
    }

    private void addToHistory(QueueEntry entry) {
        history.add(entry);
        history.sort(HISTORY_ORDER);
        while (history.size() > HISTORY_LIMIT) {
            history.remove(history.size() - 1);
        }
    }

    private void touch(Instant at) {
        changed = true;
        if (at != null && (updatedAt == null || at.isAfter(updatedAt))) {
            updatedAt = at;
        }
    }

    private static Optional<QueueEntry> find(List<QueueEntry> entries, String taskId, int attempt) {
        return entries.stream().filter(entry -> entry.isAttempt(taskId, attempt)).findFirst();
    }
}
