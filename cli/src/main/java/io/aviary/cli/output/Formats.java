package io.aviary.cli.output;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How values look in tables: short, unambiguous, the same everywhere. */
public final class Formats {

    /** Shown for an absent value. */
    public static final String NONE = "-";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    /** A JSON value as a cell: text as is, numbers and booleans as written, objects as compact JSON. */
    public static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return NONE;
        }
        if (value.isValueNode()) {
            String text = value.asText();
            return text.isEmpty() ? NONE : text;
        }
        return value.isEmpty() ? NONE : value.toString();
    }

    /** An ISO-8601 instant in UTC to the second ({@code 2026-01-30 12:34:56Z}); other text unchanged. */
    public static String instant(JsonNode value) {
        String text = text(value);
        if (text.equals(NONE)) {
            return NONE;
        }
        try {
            return TIME.format(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    /** {@code 350 ms}, {@code 1.2 s}, {@code 2 m 05 s}, {@code 1 h 02 m}. */
    public static String durationMs(long ms) {
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d m %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d m", seconds / 3600, (seconds % 3600) / 60);
    }

    /** A duration in milliseconds from JSON, or {@link #NONE}. */
    public static String durationMs(JsonNode value) {
        return value != null && value.isNumber() ? durationMs(value.asLong()) : NONE;
    }

    /** A countdown for an ETA: {@code 0:05}, {@code 12:34}, {@code 1:02:03}. */
    public static String clock(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    /** Items per second: one decimal below 100, none above. */
    public static String rate(double perSecond) {
        if (perSecond >= 100) {
            return String.format(Locale.ROOT, "%.0f/s", perSecond);
        }
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /** A share (0..1) as a percentage with one decimal. */
    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** A share from JSON, or {@link #NONE}. */
    public static String percent(JsonNode share) {
        return share != null && share.isNumber() ? percent(share.asDouble()) : NONE;
    }

    /** A decimal number from JSON with at most {@code decimals} places. */
    public static String decimal(JsonNode value, int decimals) {
        if (value == null || !value.isNumber()) {
            return NONE;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value.asDouble());
    }
}
