package io.aviary.command.area.schedule;

import io.aviary.events.area.AreaDeleted;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.AreaScheduled;
import io.aviary.events.area.AreaUpdated;
import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler's in-memory view of CRON and INTERVAL AREAs, fed from the event store ({@link ScheduleViewHandler}),
 * read by the scheduler's thread. Only what deciding "which instant is due" needs: the trigger, whether it is active,
 * since when, and the last instant fired. The view is a cache: the AREA aggregate decides every fire.
 */
public class ScheduleView {

    private record Entry(TriggerSpec trigger, boolean active, Instant activeSince, Instant lastScheduledFor) {
    }

    private final Map<String, Entry> areas = new ConcurrentHashMap<>();

    public void on(AreaScheduled event) {
        if (isScheduled(event.trigger())) {
            areas.put(event.areaId(), new Entry(event.trigger(), true, event.scheduledAt(), null));
        }
    }

    public void on(AreaUpdated event) {
        if (!isScheduled(event.trigger())) {
            areas.remove(event.areaId());
            return;
        }
        areas.compute(event.areaId(), (id, known) -> {
            if (known == null) {
                return new Entry(event.trigger(), true, event.updatedAt(), null);
            }
            // A changed trigger owes nothing from before the change; an unchanged one keeps its grid.
            Instant since = Objects.equals(known.trigger(), event.trigger()) ? known.activeSince() : event.updatedAt();
            return new Entry(event.trigger(), known.active(), since, known.lastScheduledFor());
        });
    }

    public void on(AreaPaused event) {
        areas.computeIfPresent(event.areaId(), (id, known) ->
                new Entry(known.trigger(), false, known.activeSince(), known.lastScheduledFor()));
    }

    public void on(AreaResumed event) {
        // Instants that passed while paused are not owed: the schedule restarts at the resume.
        areas.computeIfPresent(event.areaId(), (id, known) ->
                new Entry(known.trigger(), true, event.resumedAt(), known.lastScheduledFor()));
    }

    public void on(AreaDeleted event) {
        areas.remove(event.areaId());
    }

    public void on(AreaFired event) {
        if (event.scheduledFor() == null) {
            return;
        }
        areas.computeIfPresent(event.areaId(), (id, known) -> {
            Instant last = known.lastScheduledFor();
            return last != null && !event.scheduledFor().isAfter(last) ? known
                    : new Entry(known.trigger(), known.active(), known.activeSince(), event.scheduledFor());
        });
    }

    /** The AREAs that fire on a schedule now (not paused). */
    public List<ScheduledArea> active() {
        return areas.entrySet().stream()
                .filter(entry -> entry.getValue().active())
                .map(entry -> new ScheduledArea(entry.getKey(), entry.getValue().trigger(),
                        entry.getValue().activeSince(), entry.getValue().lastScheduledFor()))
                .toList();
    }

    private static boolean isScheduled(TriggerSpec trigger) {
        return trigger.kind() == TriggerKind.CRON || trigger.kind() == TriggerKind.INTERVAL;
    }
}
