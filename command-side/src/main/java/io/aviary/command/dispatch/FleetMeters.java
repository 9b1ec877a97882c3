package io.aviary.command.dispatch;

import io.aviary.events.worker.WorkerState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Gauges read from the dispatcher's {@link FleetView} at each scrape:
 * <ul>
 *   <li>{@code aviary_queue_depth}: tasks waiting for a worker (queued, re-queued, scheduled retries);</li>
 *   <li>{@code aviary_tasks_waiting_without_worker}: waiting tasks that no AVAILABLE or WORKING worker could take
 *   (no worker runs the type, or none carries the labels), however long they wait;</li>
 *   <li>{@code aviary_workers{state}}: workers per {@link WorkerState}, one series per state (six, always present,
 *   so a state that empties shows 0 instead of vanishing).</li>
 * </ul>
 * Every command-side replica has the whole view, so replicas report the same numbers: aggregate them with
 * {@code max}, not {@code sum}. Until a replica's view has caught up with the event store, its numbers climb.
 */
public final class FleetMeters implements MeterBinder {

    private final FleetView view;

    public FleetMeters(FleetView view) {
        this.view = view;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("aviary.queue.depth", view, FleetView::waitingCount)
                .description("Tasks waiting in the dispatcher for a worker (scheduled retries included)")
                .register(registry);
        Gauge.builder("aviary.tasks.waiting.without.worker", view, FleetView::waitingWithoutWorker)
                .description("Waiting tasks no worker that accepts work runs (type) or fits (labels)")
                .register(registry);
        for (WorkerState state : WorkerState.values()) {
            Gauge.builder("aviary.workers", view, fleet -> fleet.workerCount(state))
                    .description("Workers in each state, as the dispatcher sees the fleet")
                    .tag("state", state.name())
                    .register(registry);
        }
    }
}
