package io.aviary.cli.output;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theBarFillsInProportion() {
        assertThat(ProgressBar.bar(0, 50, 10)).isEqualTo("[----------]");
        assertThat(ProgressBar.bar(25, 50, 10)).isEqualTo("[#####-----]");
        assertThat(ProgressBar.bar(50, 50, 10)).isEqualTo("[##########]");
        assertThat(ProgressBar.bar(7, 0, 4)).isEqualTo("[----]");
    }

    @Test
    void aTerminalLineShowsCountPercentRateAndEta() {
        assertThat(ProgressBar.terminalLine("submitting", 25, 100, 5.0))
                .isEqualTo("submitting [######------------------]   25/100   25%  5.0/s  ETA 0:15");
        assertThat(ProgressBar.terminalLine("rebuilding tasks", 100, 100, 250))
                .isEqualTo("rebuilding tasks [########################]  100/100  100%  250/s  ETA 0:00");
    }

    @Test
    void aPlainLineIsASentenceForLogs() {
        assertThat(ProgressBar.plainLine("submitting", 10, 40, 2.5))
                .isEqualTo("submitting: 10/40 (25%), 2.5/s, ETA 0:12");
        assertThat(ProgressBar.plainLine("rebuilding", 10, 0, 0)).isEqualTo("rebuilding: 10, 0.0/s, ETA --:--");
    }

    @Test
    void theEtaIsUnknownWithoutARate() {
        assertThat(ProgressBar.eta(5, 10, 0)).isEqualTo("--:--");
        assertThat(ProgressBar.eta(10, 10, 0)).isEqualTo("0:00");
        assertThat(ProgressBar.eta(0, 3600, 1)).isEqualTo("1:00:00");
    }

    @Test
    void onATerminalOneLineIsRedrawnAndEndedWhenDone() {
        // given a terminal and a clock moving in 1-second steps
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(new PrintWriter(err), true, "submitting", now::get);

        // when 2 of 4 then all 4 are done
        now.addAndGet(SECOND);
        progress.update(2, 4);
        now.addAndGet(SECOND);
        progress.finish(4, 4);

        // then each state redraws the same line, and the last one ends it
        assertThat(err.toString()).isEqualTo(
                "\rsubmitting [############------------]  2/4   50%  2.0/s  ETA 0:01"
                        + "\rsubmitting [########################]  4/4  100%  2.0/s  ETA 0:00\n");
    }

    @Test
    void withoutATerminalPlainLinesComeEveryFewSecondsAndAtTheEnd() {
        // given no terminal
        StringWriter err = new StringWriter();
        AtomicLong now = new AtomicLong();
        Progress progress = new Progress(new PrintWriter(err), false, "submitting", now::get);

        // when updates come every half second for 3 seconds, then it finishes
        for (int done = 1; done <= 6; done++) {
            now.addAndGet(SECOND / 2);
            progress.update(done, 10);
        }
        progress.finish(10, 10);

        // then one line after 2 seconds and the final one, without carriage returns
        assertThat(err.toString().lines()).containsExactly(
                "submitting: 4/10 (40%), 2.0/s, ETA 0:03",
                "submitting: 10/10 (100%), 3.3/s, ETA 0:00");
        assertThat(err.toString()).doesNotContain("\r");
    }
}
