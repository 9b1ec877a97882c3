package io.aviary.events.area;

import java.time.Instant;

/**
 * The webhook secret of a WEBHOOK AREA was replaced; from now on only signatures with the new one are accepted. The
 * secret itself is never in an event.
 *
 * @param areaId    the AREA
 * @param hookId    its webhook id (unchanged)
 * @param rotatedAt when
 */
public record AreaWebhookSecretRotated(String areaId, String hookId, Instant rotatedAt) implements AreaEvent {
}
