package io.aviary.events.area;

import java.time.Instant;

/**
 * The AREA is gone for good: it never fires again and accepts no change; running executions finish.
 *
 * @param areaId    the AREA
 * @param deletedAt when
 */
public record AreaDeleted(String areaId, Instant deletedAt) implements AreaEvent {
}
