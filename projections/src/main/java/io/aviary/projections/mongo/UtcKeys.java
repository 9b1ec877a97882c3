package io.aviary.projections.mongo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Document keys made from event times: UTC days ({@code 2026-01-30}) and UTC hours ({@code 2026-01-30T13}). */
public final class UtcKeys {

    private static final DateTimeFormatter HOUR =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private UtcKeys() {
    }

    /** The UTC day of an instant, ISO ({@code 2026-01-30}). */
    public static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    /** The UTC hour of an instant ({@code 2026-01-30T13}). */
    public static String hour(Instant at) {
        return HOUR.format(at);
    }

    /** The start of the UTC hour of an instant. */
    public static Instant hourStart(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }
}
