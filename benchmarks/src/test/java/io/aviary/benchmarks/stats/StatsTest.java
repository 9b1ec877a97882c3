package io.aviary.benchmarks.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void medianAndSpreadOfRepeatedRuns() {
        // given three runs
        Stats stats = Stats.of(List.of(30.0, 10.0, 20.0));

        // then the median is the middle run and the spread its extremes
        assertThat(stats.runs()).isEqualTo(3);
        assertThat(stats.median()).isEqualTo(20.0);
        assertThat(stats.min()).isEqualTo(10.0);
        assertThat(stats.max()).isEqualTo(30.0);
        assertThat(stats.q1()).isEqualTo(15.0);
        assertThat(stats.q3()).isEqualTo(25.0);
    }

    @Test
    void evenNumberOfRunsInterpolatesTheMedianAndMissingValuesAreIgnored() {
        Stats stats = Stats.of(java.util.Arrays.asList(4.0, 1.0, Double.NaN, 2.0, 3.0));

        assertThat(stats.runs()).isEqualTo(4);
        assertThat(stats.median()).isEqualTo(2.5);
    }

    @Test
    void anUnboundedFigureStaysUnbounded() {
        Stats stats = Stats.of(List.of(Double.POSITIVE_INFINITY));

        assertThat(stats.median()).isInfinite();
        assertThat(Stats.round(stats.median())).isNull();
    }

    @Test
    void noRunsGiveNoFigures() {
        Stats stats = Stats.of(List.of());

        assertThat(stats.runs()).isZero();
        assertThat(stats.median()).isNaN();
        assertThat(Stats.round(stats.median())).isNull();
    }

    @Test
    void percentilesAreNearestRankOnTheSamples() {
        double[] samples = new double[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // 100 .. 1, unsorted on purpose
        }

        Percentiles p = Percentiles.of(samples);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50()).isEqualTo(50.0);
        assertThat(p.p95()).isEqualTo(95.0);
        assertThat(p.p99()).isEqualTo(99.0);
        assertThat(p.max()).isEqualTo(100.0);
    }

    @Test
    void percentilesOfASingleSampleAreThatSample() {
        Percentiles p = Percentiles.of(new double[]{7.5});

        assertThat(p.p50()).isEqualTo(7.5);
        assertThat(p.p99()).isEqualTo(7.5);
        assertThat(Percentiles.of(new double[0])).isEqualTo(Percentiles.NONE);
    }
}
