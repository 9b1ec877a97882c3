package io.aviary.projections.worker;

import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskStatus;

import java.time.Instant;

/**
 * The last finished task of one type on a worker.
 *
 * @param taskId  the task
 * @param outcome SUCCESS or WARNING (completed), FAILURE (dead-lettered)
 * @param status  COMPLETED or DEAD_LETTERED
 * @param at      when it finished (event time)
 */
public record LastOutcome(String taskId, Outcome outcome, TaskStatus status, Instant at) {

    /** Whether this outcome should replace {@code current}: it is at least as recent. */
    boolean supersedes(LastOutcome current) {
        return current == null || at == null || current.at() == null || !at.isBefore(current.at());
    }
}
