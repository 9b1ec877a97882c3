package io.aviary.events.area;

import java.time.Instant;

/**
 * A paused AREA fires again; instants that passed while it was paused are not fired.
 *
 * @param areaId    the AREA
 * @param resumedAt when
 */
public record AreaResumed(String areaId, Instant resumedAt) implements AreaEvent {
}
