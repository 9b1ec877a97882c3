package io.aviary.events.worker;

import io.aviary.events.AviaryEvent;

/** An event of the Worker aggregate. */
public interface WorkerEvent extends AviaryEvent {

    /** The worker's id (deterministic from its name). */
    String workerId();

    @Override
    default String aggregateId() {
        return workerId();
    }
}
