package io.aviary.events.area;

import java.time.Instant;
import java.util.List;

/**
 * A new definition version of an AREA; executions fired from now on run it (a running execution keeps its version).
 *
 * @param areaId      the AREA
 * @param version     the new definition version (previous + 1)
 * @param name        its display name
 * @param action      the action
 * @param trigger     when it fires
 * @param reactions   the reactions, in order
 * @param retryPolicy the retry policy of its tasks
 * @param updatedAt   when
 */
public record AreaUpdated(String areaId, int version, String name, ActionSpec action, TriggerSpec trigger,
                          List<ReactionSpec> reactions, RetryPolicy retryPolicy, Instant updatedAt)
        implements AreaEvent {
}
