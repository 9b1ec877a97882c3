package io.aviary.events.area;

import java.time.Instant;

/**
 * An execution is over: the action and every reaction are done.
 *
 * @param areaId      the AREA
 * @param executionId the execution
 * @param status      how it ended
 * @param startedAt   when it fired
 * @param completedAt when
 */
public record AreaExecutionCompleted(String areaId, String executionId, ExecutionStatus status, Instant startedAt,
                                     Instant completedAt) implements AreaEvent {
}
