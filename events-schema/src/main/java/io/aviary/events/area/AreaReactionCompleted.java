package io.aviary.events.area;

import io.aviary.events.task.Outcome;

import java.time.Instant;

/**
 * One reaction of an execution is done: its task reached its final state, or its condition did not hold (then no
 * task ran).
 *
 * @param areaId        the AREA
 * @param executionId   the execution
 * @param index         the reaction's position in the definition (0-based)
 * @param type          the reaction type
 * @param conditionHeld whether its condition held on the action's output
 * @param taskId        its task, {@code null} if the condition did not hold
 * @param attempts      attempts its task took (0 if none ran)
 * @param outcome       SUCCESS/WARNING, FAILURE (dead-lettered or cancelled), or {@code null} if skipped
 * @param completedAt   when
 */
public record AreaReactionCompleted(String areaId, String executionId, int index, String type,
                                    boolean conditionHeld, String taskId, int attempts, Outcome outcome,
                                    Instant completedAt) implements AreaEvent {
}
