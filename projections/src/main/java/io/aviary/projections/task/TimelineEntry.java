package io.aviary.projections.task;

import io.aviary.events.task.TaskStatus;

import java.time.Instant;

/**
 * One state change of a task, as shown on its timeline.
 *
 * @param event    simple name of the event, e.g. {@code TaskAssigned}
 * @param status   the task's status after the event
 * @param attempt  the attempt the event is about (0 before the first assignment)
 * @param workerId the worker concerned, or {@code null}
 * @param at       when it happened (event time)
 * @param detail   a short human-readable explanation, or {@code null}
 */
public record TimelineEntry(String event, TaskStatus status, int attempt, String workerId, Instant at,
                            String detail) {
}
