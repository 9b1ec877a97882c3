package io.aviary.cli.area;

import io.aviary.cli.CliException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalsTest {

    @Test
    void intervalsAsPeopleWriteThem() {
        assertThat(Intervals.millis("1500")).isEqualTo(1_500);
        assertThat(Intervals.millis("500ms")).isEqualTo(500);
        assertThat(Intervals.millis("30s")).isEqualTo(30_000);
        assertThat(Intervals.millis("5m")).isEqualTo(300_000);
        assertThat(Intervals.millis("2h")).isEqualTo(7_200_000);
        assertThat(Intervals.millis("1d")).isEqualTo(86_400_000);
        assertThat(Intervals.millis("PT1M30S")).isEqualTo(90_000);
        assertThatThrownBy(() -> Intervals.millis("soon")).isInstanceOf(CliException.class);
    }
}
