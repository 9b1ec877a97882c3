package io.aviary.command.dispatch;

import java.util.List;

/**
 * The open work at one moment (one lock of the {@link FleetView}), read-only.
 *
 * @param tasks   every task that waits, is assigned or runs, in creation order
 * @param workers every known worker as the dispatch rule sees it (assignments in flight count against capacity)
 */
public record OpenWork(List<OpenTaskView> tasks, List<WorkerCandidate> workers) {

    public OpenWork {
        tasks = List.copyOf(tasks);
        workers = List.copyOf(workers);
    }
}
