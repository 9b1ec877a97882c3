package io.aviary.projections.task;

import io.aviary.events.task.TaskEvent;

/**
 * A task event that was applied to its {@code tasks} document, with what the per-worker read models need to know
 * about the task at that moment.
 *
 * @param event        the event
 * @param lastWorkerId the worker of the task's latest attempt before the event (events such as
 *                     {@code TaskDeadLettered} do not name it)
 * @param priority     the task's priority
 */
public record TaskChange(TaskEvent event, String lastWorkerId, int priority) {
}
