package io.aviary.command.area.schedule;

import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Feeds the {@link ScheduleView} from the event store, in processing group {@value #PROCESSING_GROUP}: a tracking
 * processor with an in-memory token (like the dispatcher's), so every start rebuilds the view from the first event
 * and the scheduler acts only once it has caught up.
 */
@ProcessingGroup(ScheduleViewHandler.PROCESSING_GROUP)
public class ScheduleViewHandler {

    /** The processing group, and so the name of its tracking processor. */
    public static final String PROCESSING_GROUP = "area-scheduler";

    private final ScheduleView view;

    public ScheduleViewHandler(ScheduleView view) {
        this.view = view;
    }

    @EventHandler
    public void on(AreaScheduled event) {
        view.on(event);
    }

    @EventHandler
    public void on(AreaUpdated event) {
        view.on(event);
    }

    @EventHandler
    public void on(AreaPaused event) {
        view.on(event);
    }

    @EventHandler
    public void on(AreaResumed event) {
        view.on(event);
    }

    @EventHandler
    public void on(AreaDeleted event) {
        view.on(event);
    }

    @EventHandler
    public void on(AreaFired event) {
        view.on(event);
    }
}
