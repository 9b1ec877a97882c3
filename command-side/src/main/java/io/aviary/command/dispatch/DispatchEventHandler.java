package io.aviary.command.dispatch;

import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.task.TaskTimedOut;
import io.aviary.events.worker.WorkerCapacityChanged;
import io.aviary.events.worker.WorkerRegistered;
import io.aviary.events.worker.WorkerStateChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Feeds the {@link FleetView} from the event store, in processing group {@value #PROCESSING_GROUP}, and wakes the
 * dispatch loop after each event (every one of these can make a task assignable or an attempt to take back).
 * <p>
 * The group runs in a tracking processor with an in-memory token store (see {@link DispatchConfiguration}), so on
 * every start the view is rebuilt from the first event. Trade-off: start-up costs O(events in the store) before the
 * dispatcher acts (the memory it keeps is only the open work); when that grows too slow, the view gets a snapshot
 * (view + its token) to start from instead. In exchange there is no view table to migrate, and the view can never
 * disagree with the events after a crash.
 */
@ProcessingGroup(DispatchEventHandler.PROCESSING_GROUP)
public class DispatchEventHandler {

    /** The processing group, and so the name of its tracking processor. */
    public static final String PROCESSING_GROUP = "dispatcher";

    private final FleetView view;
    private final Runnable wake;

    /**
     * @param view the view to feed
     * @param wake asks the dispatch loop for a round
     */
    public DispatchEventHandler(FleetView view, Runnable wake) {
        this.view = view;
        this.wake = wake;
    }

    @EventHandler
    public void on(WorkerRegistered event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(WorkerStateChanged event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(WorkerCapacityChanged event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskCreated event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskAssigned event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskReassigned event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskStarted event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskCompleted event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskRetryScheduled event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskDeadLettered event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskTimedOut event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskRequeued event) {
        view.on(event);
        wake.run();
    }

    @EventHandler
    public void on(TaskCancelled event) {
        view.on(event);
        wake.run();
    }
}
