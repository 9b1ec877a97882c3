package io.aviary.benchmarks;

import java.io.PrintStream;
import java.util.Locale;

/** Progress lines while the benchmark runs: {@code [+mm:ss] message}, on standard output. */
public final class Progress {

    private final PrintStream out;
    private final long start = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void say(String format, Object... args) {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String line = String.format(Locale.ROOT, "[+%02d:%02d] ", seconds / 60, seconds % 60)
                + String.format(Locale.ROOT, format, args);
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
