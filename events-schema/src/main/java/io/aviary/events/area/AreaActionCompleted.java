package io.aviary.events.area;

import io.aviary.events.task.Outcome;

import java.time.Instant;
import java.util.Map;

/**
 * The action task of an execution reached its final state.
 *
 * @param areaId      the AREA
 * @param executionId the execution
 * @param taskId      the action task
 * @param attempts    attempts it took (assignments)
 * @param outcome     SUCCESS or WARNING when it completed; FAILURE when it was dead-lettered or cancelled
 * @param triggered   whether the reactions are evaluated (always {@code false} after a FAILURE)
 * @param output      the action's output (a JSON object); after a failure {@code {"error": "<why>"}}
 * @param completedAt when
 */
public record AreaActionCompleted(String areaId, String executionId, String taskId, int attempts, Outcome outcome,
                                  boolean triggered, Map<String, Object> output, Instant completedAt)
        implements AreaEvent {
}
