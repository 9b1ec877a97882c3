package io.aviary.command.task;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffTest {

    private static final RetryProperties DEFAULTS =
            new RetryProperties(Duration.ofMillis(500), 2, Duration.ofSeconds(60), 0.2);

    @Test
    void withoutJitterTheDelayDoublesPerFailureUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(DEFAULTS, () -> 0.5);

        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delayAfter(8)).isEqualTo(Duration.ofSeconds(60)); // 64 s, capped
        assertThat(backoff.delayAfter(30)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterSpreadsTheDelayByAtMostTwentyPercent() {
        assertThat(new RetryBackoff(DEFAULTS, () -> 0.0).delayAfter(1)).isEqualTo(Duration.ofMillis(400));
        assertThat(new RetryBackoff(DEFAULTS, () -> 0.75).delayAfter(1)).isEqualTo(Duration.ofMillis(550));
        assertThat(new RetryBackoff(DEFAULTS, () -> 0.999_999).delayAfter(1)).isEqualTo(Duration.ofMillis(600));
    }

    @Test
    void jitterNeverTakesTheDelayBeyondTheMaximum() {
        assertThat(new RetryBackoff(DEFAULTS, () -> 0.999_999).delayAfter(20)).isEqualTo(Duration.ofSeconds(60));
        assertThat(new RetryBackoff(DEFAULTS, () -> 0.0).delayAfter(20)).isEqualTo(Duration.ofSeconds(48));
    }

    @Test
    void realJitterStaysWithinItsBounds() {
        RetryBackoff backoff = new RetryBackoff(DEFAULTS);
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.delayAfter(2)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        }
    }
}
