package io.aviary.events.area;

import java.time.Instant;

/**
 * The AREA fires no more until resumed; running executions finish.
 *
 * @param areaId   the AREA
 * @param pausedAt when
 */
public record AreaPaused(String areaId, Instant pausedAt) implements AreaEvent {
}
