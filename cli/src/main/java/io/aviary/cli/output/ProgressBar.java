package io.aviary.cli.output;

import java.util.Locale;

/** Renders one progress line: a bar with count, percentage, rate and ETA for a terminal, or a plain sentence. */
public final class ProgressBar {

    static final int BAR_WIDTH = 24;

    private ProgressBar() {
    }

    /** {@code [#########---------------]}; an unknown total ({@code <= 0}) shows an empty bar. */
    public static String bar(long done, long total, int width) {
        int filled = total <= 0 ? 0 : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    /**
     * For a terminal: {@code label [######------]  25/50   50%  41.2/s  ETA 0:01}. The count is padded to the
     * total's width so the line does not jitter while it is redrawn.
     */
    public static String terminalLine(String label, long done, long total, double rate) {
        StringBuilder line = new StringBuilder(label).append(' ').append(bar(done, total, BAR_WIDTH)).append("  ");
        if (total > 0) {
            String t = Long.toString(total);
            line.append(String.format(Locale.ROOT, "%" + t.length() + "d/%s  %3d%%", done, t, percent(done, total)));
        } else {
            line.append(done);
        }
        return line.append("  ").append(Formats.rate(rate)).append("  ETA ").append(eta(done, total, rate))
                .toString();
    }

    /** For a log or a pipe: {@code label: 25/50 (50%), 41.2/s, ETA 0:01}. */
    public static String plainLine(String label, long done, long total, double rate) {
        String count = total > 0 ? done + "/" + total + " (" + percent(done, total) + "%)" : Long.toString(done);
        return label + ": " + count + ", " + Formats.rate(rate) + ", ETA " + eta(done, total, rate);
    }

    /** Time left at the current rate, {@code 0:00} when done, {@code --:--} while it cannot be known. */
    public static String eta(long done, long total, double rate) {
        if (total > 0 && done >= total) {
            return Formats.clock(0);
        }
        if (total <= 0 || rate <= 0) {
            return "--:--";
        }
        return Formats.clock((long) Math.ceil((total - done) / rate));
    }

    private static int percent(long done, long total) {
        return (int) Math.min(100, done * 100 / total);
    }
}
