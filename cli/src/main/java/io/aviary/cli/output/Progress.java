package io.aviary.cli.output;

import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * Progress of long work on stderr. On a terminal one line is redrawn in place ({@code \r}) at most ten times a
 * second; otherwise (a log, a pipe, CI) a plain line is printed every few seconds, so logs stay readable. The rate
 * is the average since the start unless the caller knows better (a rebuild reports its own).
 */
public final class Progress {

    static final long TERMINAL_INTERVAL_NANOS = 100_000_000L;
    static final long PLAIN_INTERVAL_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final boolean terminal;
    private String label;
    private final LongSupplier nanoTime;
    private final long startedAt;
    private long lastPrintAt;
    private int lastLength;
    private boolean printed;

    public Progress(PrintWriter err, boolean terminal, String label, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.label = label;
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
        this.lastPrintAt = startedAt;
    }

    public static Progress start(PrintWriter err, boolean terminal, String label) {
        return new Progress(err, terminal, label, System::nanoTime);
    }

    /** Reports the state; prints only when the interval has passed. */
    public synchronized void update(long done, long total) {
        update(done, total, averageRate(done));
    }

    public synchronized void update(long done, long total, double rate) {
        long now = nanoTime.getAsLong();
        long interval = terminal ? TERMINAL_INTERVAL_NANOS : PLAIN_INTERVAL_NANOS;
        if (now - lastPrintAt >= interval || (terminal && !printed)) {
            print(done, total, rate);
            lastPrintAt = now;
        }
    }

    /** The last state, always printed; on a terminal the line is then ended. */
    public synchronized void finish(long done, long total) {
        finish(done, total, averageRate(done));
    }

    public synchronized void finish(long done, long total, double rate) {
        print(done, total, rate);
        if (terminal) {
            err.println();
            err.flush();
        }
    }

    /** Changes the words before the numbers (a rebuild's phase). */
    public synchronized void label(String label) {
        this.label = label;
    }

    /** Seconds since the start. */
    public double elapsedSeconds() {
        return (nanoTime.getAsLong() - startedAt) / 1e9;
    }

    private double averageRate(long done) {
        double seconds = elapsedSeconds();
        return seconds <= 0 ? 0 : done / seconds;
    }

    private void print(long done, long total, double rate) {
        if (terminal) {
            String line = ProgressBar.terminalLine(label, done, total, rate);
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            err.println(ProgressBar.plainLine(label, done, total, rate));
        }
        err.flush();
        printed = true;
    }
}
