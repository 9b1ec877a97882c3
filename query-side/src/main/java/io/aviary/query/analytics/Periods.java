package io.aviary.query.analytics;

import io.aviary.query.web.BadParameterException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The days of a period containing a date: the day itself, its ISO week (Monday to Sunday), its calendar month. */
enum Periods {
    DAY, WEEK, MONTH;

    /** First and last day (both included) of the period containing {@code at}. */
    LocalDate[] around(LocalDate at) {
        return switch (this) {
            case DAY -> new LocalDate[] {at, at};
            case WEEK -> new LocalDate[] {at.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)),
                    at.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY))};
            case MONTH -> new LocalDate[] {at.withDayOfMonth(1), at.with(TemporalAdjusters.lastDayOfMonth())};
        };
    }

    static Periods parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadParameterException("period", "Invalid value '" + value + "' for 'period', expected one of "
                    + "day, week, month");
        }
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
