package io.aviary.command.billing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingScheduleTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final BillingSchedule utc = new BillingSchedule(LocalTime.of(0, 5), ZoneOffset.UTC);

    @Test
    void the_daily_close_at_five_past_midnight_closes_the_day_before() {
        Instant next = utc.nextClose(Instant.parse("2025-03-01T10:00:00Z"));

        assertThat(next).isEqualTo(Instant.parse("2025-03-02T00:05:00Z"));
        assertThat(utc.cycleClosedAt(next)).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(utc.nextClose(next)).isEqualTo(Instant.parse("2025-03-03T00:05:00Z"));
    }

    @Test
    void days_and_close_times_are_those_of_the_billing_zone() {
        BillingSchedule paris = new BillingSchedule(LocalTime.of(0, 5), PARIS);

        // Paris is UTC+1 in winter, UTC+2 from 30 March 2025
        assertThat(paris.nextClose(Instant.parse("2025-03-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-03-01T23:05:00Z"));
        assertThat(paris.nextClose(Instant.parse("2025-04-01T10:00:00Z")))
                .isEqualTo(Instant.parse("2025-04-01T22:05:00Z"));
        assertThat(paris.cycleClosedAt(Instant.parse("2025-03-01T23:05:00Z"))).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(paris.endOf(LocalDate.of(2025, 3, 29))).isEqualTo(Instant.parse("2025-03-29T23:00:00Z"));
        assertThat(paris.yesterday(Instant.parse("2025-03-01T23:30:00Z"))).isEqualTo(LocalDate.of(2025, 3, 1));
    }

    @Test
    void a_close_time_that_does_not_exist_that_day_skips_to_the_next_day() {
        BillingSchedule paris = new BillingSchedule(LocalTime.of(2, 30), PARIS);

        // 30 March 2025 has no 02:30 in Paris: Spring's cron fires next on the 31st (the cycle of the 29th is then
        // closed by that firing's look-back, see BillingCyclesTest)
        Instant close = paris.nextClose(Instant.parse("2025-03-29T12:00:00Z"));

        assertThat(close).isEqualTo(Instant.parse("2025-03-31T00:30:00Z"));
        assertThat(paris.cycleClosedAt(close)).isEqualTo(LocalDate.of(2025, 3, 30));
        assertThat(paris.lastDueCycle(close)).isEqualTo(LocalDate.of(2025, 3, 30));
    }

    @Test
    void the_last_due_cycle_is_yesterday_once_todays_close_time_has_passed() {
        assertThat(utc.lastDueCycle(Instant.parse("2025-03-02T00:04:59Z"))).isEqualTo(LocalDate.of(2025, 2, 28));
        assertThat(utc.lastDueCycle(Instant.parse("2025-03-02T00:05:00Z"))).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(utc.lastDueCycle(Instant.parse("2025-03-02T23:59:00Z"))).isEqualTo(LocalDate.of(2025, 3, 1));
    }

    @Test
    void the_close_time_is_a_whole_minute() {
        assertThatThrownBy(() -> new BillingSchedule(LocalTime.of(0, 5, 30), ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
