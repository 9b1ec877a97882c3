package io.aviary.events.area;

import io.aviary.events.AviaryEvent;

/**
 * An event of the AREA aggregate (an automation: one trigger Action, N Reactions). The definition, its life cycle, its
 * fires and the steps of each execution are all events of the AREA, keyed by its id.
 */
public interface AreaEvent extends AviaryEvent {

    /** The AREA's id (a random UUID). */
    String areaId();

    @Override
    default String aggregateId() {
        return areaId();
    }
}
