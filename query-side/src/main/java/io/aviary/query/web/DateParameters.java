package io.aviary.query.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** ISO dates ({@code 2026-01-30}) from request parameters, with 400s that name the parameter. */
public final class DateParameters {

    private DateParameters() {
    }

    /** The date, or {@code fallback} when the parameter is absent or blank. */
    public static LocalDate parse(String parameter, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadParameterException(parameter, "Invalid value '" + value + "' for '" + parameter
                    + "': expected an ISO date such as 2026-01-30");
        }
    }

    /** Today in UTC, the calendar of every daily read model except billing-cycle dates. */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** Checks {@code from <= to} and that the range spans at most {@code maxDays} days (both ends included). */
    public static void checkRange(LocalDate from, LocalDate to, int maxDays) {
        if (to.isBefore(from)) {
            throw new BadParameterException("to", "'to' (" + to + ") is before 'from' (" + from + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > maxDays) {
            throw new BadParameterException("to", "The range " + from + ".." + to + " is longer than " + maxDays
                    + " days");
        }
    }
}
