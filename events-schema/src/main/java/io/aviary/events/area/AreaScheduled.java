package io.aviary.events.area;

import java.time.Instant;
import java.util.List;

/**
 * An AREA was defined (definition version 1). Never carries a secret: a webhook's secret is stored encrypted apart.
 *
 * @param areaId      the AREA
 * @param owner       who defined it (username)
 * @param name        its display name
 * @param version     definition version, 1
 * @param action      the action
 * @param trigger     when it fires
 * @param reactions   the reactions, in order (their index is their position)
 * @param retryPolicy the retry policy of its action and reaction tasks
 * @param hookId      the webhook id of its URL ({@code null} unless the trigger is WEBHOOK)
 * @param scheduledAt when
 */
public record AreaScheduled(String areaId, String owner, String name, int version, ActionSpec action,
                            TriggerSpec trigger, List<ReactionSpec> reactions, RetryPolicy retryPolicy, String hookId,
                            Instant scheduledAt) implements AreaEvent {
}
