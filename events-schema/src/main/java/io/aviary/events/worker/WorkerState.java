package io.aviary.events.worker;

/** Life-cycle state of a worker. Only {@link #AVAILABLE} and {@link #WORKING} workers receive new tasks. */
public enum WorkerState {
    /** Up, with free capacity. */
    AVAILABLE,
    /** Up, every slot busy (derived from heartbeats). */
    WORKING,
    /** Finishing its current tasks, takes no new ones. */
    DRAINING,
    /** Being updated, takes no new tasks. */
    UPDATING,
    /** Missed heartbeats; its unfinished tasks were re-queued. */
    DOWN,
    /** Removed from the fleet for good. */
    DEREGISTERED;

    /** Whether the dispatcher may give this worker new tasks. */
    public boolean acceptsWork() {
        return this == AVAILABLE || this == WORKING;
    }
}
