package io.aviary.benchmarks.report;

/**
 * A target of issue 6 ("Targets (2-core machine, everything embedded)").
 *
 * @param text    as the issue states it, e.g. {@code >= 1,000 tasks/s}
 * @param bound   the number to compare the median with
 * @param atLeast {@code true}: the median must reach the bound; {@code false}: it must stay at or below it
 */
public record Target(String text, double bound, boolean atLeast) {

    public static Target atLeast(double bound, String text) {
        return new Target(text, bound, true);
    }

    public static Target atMost(double bound, String text) {
        return new Target(text, bound, false);
    }

    public Boolean met(double median) {
        if (Double.isNaN(median)) {
            return null;
        }
        return atLeast ? median >= bound : median <= bound;
    }
}
