package io.aviary.command.worker;

import io.aviary.events.worker.WorkerState;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.aviary.events.worker.WorkerState.AVAILABLE;
import static io.aviary.events.worker.WorkerState.DEREGISTERED;
import static io.aviary.events.worker.WorkerState.DOWN;
import static io.aviary.events.worker.WorkerState.DRAINING;
import static io.aviary.events.worker.WorkerState.UPDATING;
import static io.aviary.events.worker.WorkerState.WORKING;

/**
 * Which worker state may follow which, in one place (after JobRunr's {@code AllowedJobStateStateChanges}). A change to
 * the same state is not a transition: the aggregate ignores it. DEREGISTERED is left only by registering again from
 * the bound hardware, which {@link WorkerAggregate} handles itself rather than through this table.
 */
final class WorkerTransitions {

    private static final Map<WorkerState, Set<WorkerState>> ALLOWED = new EnumMap<>(WorkerState.class);

    static {
        ALLOWED.put(AVAILABLE, EnumSet.of(WORKING, DRAINING, UPDATING, DOWN, DEREGISTERED));
        ALLOWED.put(WORKING, EnumSet.of(AVAILABLE, DRAINING, UPDATING, DOWN, DEREGISTERED));
        // Drain first, then update: a common maintenance sequence.
        ALLOWED.put(DRAINING, EnumSet.of(AVAILABLE, UPDATING, DOWN, DEREGISTERED));
        ALLOWED.put(UPDATING, EnumSet.of(AVAILABLE, DOWN, DEREGISTERED));
        // Heartbeats resumed (liveness monitor) or the agent registered again.
        ALLOWED.put(DOWN, EnumSet.of(AVAILABLE, DEREGISTERED));
        ALLOWED.put(DEREGISTERED, EnumSet.noneOf(WorkerState.class));
    }

    private WorkerTransitions() {
    }

    static boolean isAllowed(WorkerState from, WorkerState to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states a worker in {@code from} may move to. */
    static Set<WorkerState> allowedFrom(WorkerState from) {
        return Collections.unmodifiableSet(ALLOWED.get(from));
    }
}
