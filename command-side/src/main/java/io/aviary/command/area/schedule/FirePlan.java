package io.aviary.command.area.schedule;

import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.TriggerSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the scheduler does for one AREA at one tick: the instants to fire, in order, and the instant up to which missed
 * ones are skipped (SKIP policy), if any.
 * <p>
 * The misfire rule: when every due instant is at most {@code threshold} old, the scheduler is merely late (a tick, a
 * pause of the JVM) and fires each of them. When the oldest due instant is older than that, fires were missed (no
 * scheduler ran: downtime) and the AREA's policy decides: FIRE_ONCE_NOW fires once, for the most recent due instant;
 * SKIP fires nothing and waits for the next instant.
 *
 * @param fires       instants to fire, oldest first
 * @param skippedUpTo with SKIP after a gap: the latest missed instant, not to be fired; else {@code null}
 */
record FirePlan(List<Instant> fires, Instant skippedUpTo) {

    static final FirePlan NOTHING = new FirePlan(List.of(), null);

    static FirePlan of(Schedules schedules, TriggerSpec trigger, Instant cursor, Instant now, Duration threshold,
                       int maxFires) {
        Instant first = schedules.next(trigger, cursor);
        if (first == null || first.isAfter(now)) {
            return NOTHING;
        }
        if (!first.isBefore(now.minus(threshold))) {
            List<Instant> due = new ArrayList<>();
            for (Instant t = first; t != null && !t.isAfter(now) && due.size() < maxFires;
                 t = schedules.next(trigger, t)) {
                due.add(t);
            }
            return new FirePlan(List.copyOf(due), null);
        }
        Instant latest = schedules.latest(trigger, cursor, now);
        if (trigger.misfire() == MisfirePolicy.SKIP) {
            return new FirePlan(List.of(), latest);
        }
        return new FirePlan(List.of(latest), null);
    }
}
