package io.aviary.command.dispatch;

import java.time.Instant;

/**
 * An attempt that a worker holds: assigned (maybe already started) and not finished.
 *
 * @param taskId   the task
 * @param attempt  the attempt number
 * @param workerId the worker holding it
 * @param started  whether the worker reported its start
 * @param deadline when it times out: assignment + timeout until it starts, then start + timeout
 */
public record OpenAttempt(String taskId, int attempt, String workerId, boolean started, Instant deadline) {

    /** Whether the attempt ran, or waited for its start, longer than the task's timeout. */
    public boolean isOverdue(Instant now) {
        return !now.isBefore(deadline);
    }
}
