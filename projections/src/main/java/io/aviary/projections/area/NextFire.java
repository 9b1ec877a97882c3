package io.aviary.projections.area;

import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import org.springframework.scheduling.support.CronExpression;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When a CRON or INTERVAL AREA fires next, computed from its events only (never the wall clock, so a replay gives the
 * same documents): the first schedule instant after an anchor. A cron expression is read with Spring's
 * {@link CronExpression} in the AREA's time zone, so a daily 09:00 stays 09:00 local time across a daylight-saving
 * change; an interval adds {@code intervalMs} to the anchor.
 */
final class NextFire {

    private NextFire() {
    }

    /**
     * @param trigger the AREA's trigger
     * @param anchor  the last schedule instant fired, or when the schedule (re)started if later
     * @return the next instant, or {@code null} for a WEBHOOK trigger or one that cannot be read
     */
    static Instant after(TriggerSpec trigger, Instant anchor) {
        if (trigger == null || anchor == null || trigger.kind() == null) {
            return null;
        }
        if (trigger.kind() == TriggerKind.INTERVAL) {
            return trigger.intervalMs() == null || trigger.intervalMs() <= 0 ? null
                    : anchor.plusMillis(trigger.intervalMs());
        }
        if (trigger.kind() != TriggerKind.CRON || trigger.cron() == null) {
            return null;
        }
        try {
            ZoneId zone = trigger.zone() == null || trigger.zone().isBlank() ? ZoneId.of("UTC")
                    : ZoneId.of(trigger.zone());
            ZonedDateTime next = CronExpression.parse(trigger.cron()).next(anchor.atZone(zone));
            return next == null ? null : next.toInstant();
        } catch (IllegalArgumentException | DateTimeException e) {
            // the command side validates both at definition time; an unreadable one has no next fire to show
            return null;
        }
    }
}
