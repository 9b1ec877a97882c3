package io.aviary.cli.area;

import io.aviary.cli.CliException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --every 30s}: an interval as people write it ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 1d}, ISO {@code PT30S}; a bare number is milliseconds).
 */
final class Intervals {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private Intervals() {
    }

    static long millis(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(value);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "ms" : m.group(2);
            return switch (unit) {
                case "ms" -> n;
                case "s" -> Duration.ofSeconds(n).toMillis();
                case "m" -> Duration.ofMinutes(n).toMillis();
                case "h" -> Duration.ofHours(n).toMillis();
                default -> Duration.ofDays(n).toMillis();
            };
        }
        try {
            return Duration.parse(text.strip().toUpperCase(Locale.ROOT)).toMillis();
        } catch (DateTimeParseException e) {
            throw CliException.usage("--every expects an interval such as 30s, 5m, 2h or PT30S, got '" + text + "'");
        }
    }
}
