package io.aviary.command.area.schedule;

import io.aviary.events.area.TriggerSpec;

import java.time.Instant;

/**
 * An ACTIVE CRON or INTERVAL AREA as the scheduler sees it.
 *
 * @param areaId           the AREA
 * @param trigger          its trigger
 * @param activeSince      since when it fires on this trigger (creation, resume, or a trigger change): instants
 *                         before are not owed
 * @param lastScheduledFor the latest instant it fired for, or {@code null}
 */
public record ScheduledArea(String areaId, TriggerSpec trigger, Instant activeSince, Instant lastScheduledFor) {

    /** The instant after which fires are owed: the later of {@code activeSince} and {@code lastScheduledFor}. */
    public Instant cursor() {
        return lastScheduledFor != null && lastScheduledFor.isAfter(activeSince) ? lastScheduledFor : activeSince;
    }
}
