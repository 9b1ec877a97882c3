package io.aviary.projections.queue;

import java.time.Instant;

/**
 * One attempt of a task on a worker.
 *
 * @param taskId     the task
 * @param attempt    the attempt (a task assigned to the same worker twice has two entries)
 * @param type       the task type
 * @param priority   the task's priority
 * @param status     in {@code current}: ASSIGNED or RUNNING; in {@code history}: how the attempt ended, one of
 *                   SUCCESS, WARNING, FAILURE, TIMED_OUT, REASSIGNED, REQUEUED, CANCELLED
 * @param assignedAt when the attempt was assigned to the worker, if known
 * @param startedAt  when the worker started it, or {@code null}
 * @param finishedAt when it ended ({@code history} only)
 * @param message    the worker's message or the reason it ended ({@code history} only), or {@code null}
 */
public record QueueEntry(String taskId, int attempt, String type, int priority, String status, Instant assignedAt,
                         Instant startedAt, Instant finishedAt, String message) {

    boolean isAttempt(String taskId, int attempt) {
        return this.taskId.equals(taskId) && this.attempt == attempt;
    }

    QueueEntry running(Instant at) {
        return new QueueEntry(taskId, attempt, type, priority, "RUNNING", assignedAt, at, null, null);
    }

    QueueEntry finished(String result, Instant at, String reason) {
        return new QueueEntry(taskId, attempt, type, priority, result, assignedAt, startedAt, at, reason);
    }
}
