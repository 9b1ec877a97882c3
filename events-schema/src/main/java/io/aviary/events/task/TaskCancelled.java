package io.aviary.events.task;

import java.time.Instant;

/**
 * The task was cancelled; it will not run (again). A running attempt's late report is rejected.
 *
 * @param taskId      the task
 * @param type        its type
 * @param attempt     the current attempt (0 if never assigned)
 * @param workerId    the worker it was assigned to, or {@code null}
 * @param reason      why
 * @param cancelledAt when
 */
public record TaskCancelled(String taskId, String type, int attempt, String workerId, String reason,
                            Instant cancelledAt) implements TaskEvent {
}
