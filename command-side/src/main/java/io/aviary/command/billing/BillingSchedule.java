package io.aviary.command.billing;

import org.springframework.scheduling.support.CronExpression;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * When cycles close, as plain arithmetic (no threads): the daily close is the cron expression
 * {@code 0 <minute> <hour> * * *} in the billing zone (Spring's {@link CronExpression}), and a close at day D closes
 * the cycle of day D - 1. On a day whose local close time does not exist (the spring-forward gap, e.g. 02:30 in
 * Europe/Paris on the last Sunday of March) Spring's cron skips that day; the next firing looks back
 * {@code catch-up-days} days ({@link BillingCycles#closeDue}), so it closes the skipped cycle too, first.
 */
public final class BillingSchedule {

    private final CronExpression cron;
    private final ZoneId zone;

    public BillingSchedule(LocalTime closeAt, ZoneId zone) {
        if (closeAt.getSecond() != 0 || closeAt.getNano() != 0) {
            throw new IllegalArgumentException("the close time is a whole minute, was " + closeAt);
        }
        this.cron = CronExpression.parse("0 " + closeAt.getMinute() + " " + closeAt.getHour() + " * * *");
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first daily close strictly after {@code instant}. */
    public Instant nextClose(Instant instant) {
        return cron.next(instant.atZone(zone)).toInstant();
    }

    /** The cycle that the close firing at {@code closeTime} closes: the day before, in the billing zone. */
    public LocalDate cycleClosedAt(Instant closeTime) {
        return closeTime.atZone(zone).toLocalDate().minusDays(1);
    }

    /** The latest cycle whose close time is at or before {@code now}. */
    public LocalDate lastDueCycle(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant todaysClose = nextClose(today.atStartOfDay(zone).toInstant().minusNanos(1));
        return todaysClose.isAfter(now) ? today.minusDays(2) : today.minusDays(1);
    }

    /** Yesterday in the billing zone: the cycle a close without a date closes. */
    public LocalDate yesterday(Instant now) {
        return today(now).minusDays(1);
    }

    public LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }

    /** The first instant after the cycle of {@code date}: an account opened from then on is not part of it. */
    public Instant endOf(LocalDate date) {
        ZonedDateTime start = date.plusDays(1).atStartOfDay(zone);
        return start.toInstant();
    }
}
