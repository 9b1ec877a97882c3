package io.aviary.command.area.schedule;

import io.aviary.events.area.TriggerKind;
import io.aviary.events.area.TriggerSpec;
import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The instants of a trigger, as plain arithmetic: CRON through Spring's {@link CronExpression} in the trigger's zone
 * (daylight saving handled by it: a local time that does not exist is skipped, one that exists twice fires once),
 * INTERVAL as {@code cursor + k * intervalMs} from the last instant fired (or the activation).
 */
final class Schedules {

    private final Map<String, CronExpression> crons = new ConcurrentHashMap<>();

    /** The first instant strictly after {@code after}, or {@code null} if there is none. */
    Instant next(TriggerSpec trigger, Instant after) {
        if (trigger.kind() == TriggerKind.INTERVAL) {
            return after.plusMillis(trigger.intervalMs());
        }
        var next = cron(trigger).next(after.atZone(ZoneId.of(trigger.zone())));
        return next == null ? null : next.toInstant();
    }

    /** The latest instant in {@code (after, now]}, or {@code null} if there is none. */
    Instant latest(TriggerSpec trigger, Instant after, Instant now) {
        if (trigger.kind() == TriggerKind.INTERVAL) {
            long steps = Duration.between(after, now).toMillis() / trigger.intervalMs();
            return steps < 1 ? null : after.plusMillis(steps * trigger.intervalMs());
        }
        // CronExpression only looks forward: search windows ending at now, growing until one holds an instant.
        Duration window = Duration.ofMinutes(1);
        while (true) {
            Instant from = now.minus(window).isAfter(after) ? now.minus(window) : after;
            Instant last = null;
            for (Instant t = next(trigger, from); t != null && !t.isAfter(now); t = next(trigger, t)) {
                last = t;
            }
            if (last != null || !from.isAfter(after)) {
                return last;
            }
            window = window.multipliedBy(4);
        }
    }

    private CronExpression cron(TriggerSpec trigger) {
        return crons.computeIfAbsent(trigger.cron(), CronExpression::parse);
    }
}
