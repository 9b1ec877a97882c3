package io.aviary.command.area.schedule;

import io.aviary.events.area.MisfirePolicy;
import io.aviary.events.area.TriggerSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.aviary.command.area.AreaFixtures.cron;
import static io.aviary.command.area.AreaFixtures.interval;
import static org.assertj.core.api.Assertions.assertThat;

/** Which instants a tick fires: late ones fire, missed ones (a gap) follow the misfire policy. */
class FirePlanTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration THRESHOLD = Duration.ofSeconds(5);

    private final Schedules schedules = new Schedules();

    private FirePlan plan(TriggerSpec trigger, Instant cursor, Instant now) {
        return FirePlan.of(schedules, trigger, cursor, now, THRESHOLD, 10);
    }

    @Test
    void nothing_is_due_before_the_next_instant() {
        assertThat(plan(cron("* * * * * *", "UTC", MisfirePolicy.SKIP), T0, T0.plusMillis(999)))
                .isEqualTo(FirePlan.NOTHING);
    }

    @Test
    void a_due_instant_fires_and_a_late_scheduler_fires_each_instant_it_is_late_for() {
        TriggerSpec everySecond = cron("* * * * * *", "UTC", MisfirePolicy.SKIP);

        assertThat(plan(everySecond, T0, T0.plusMillis(1_300)).fires()).containsExactly(T0.plusSeconds(1));
        assertThat(plan(everySecond, T0, T0.plusMillis(3_100)).fires())
                .containsExactly(T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3));
    }

    @Test
    void after_a_gap_fire_once_now_fires_once_for_the_most_recent_missed_instant() {
        FirePlan plan = plan(cron("* * * * * *", "UTC", MisfirePolicy.FIRE_ONCE_NOW), T0, T0.plusMillis(60_400));

        assertThat(plan.fires()).containsExactly(T0.plusSeconds(60));
        assertThat(plan.skippedUpTo()).isNull();
    }

    @Test
    void after_a_gap_skip_fires_nothing_and_waits_for_the_next_instant() {
        FirePlan plan = plan(cron("* * * * * *", "UTC", MisfirePolicy.SKIP), T0, T0.plusMillis(60_400));

        assertThat(plan.fires()).isEmpty();
        assertThat(plan.skippedUpTo()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void an_interval_counts_from_the_last_instant_fired() {
        Instant cursor = T0.plusMillis(250);

        assertThat(plan(interval(10_000, MisfirePolicy.SKIP), cursor, cursor.plusMillis(10_100)).fires())
                .containsExactly(cursor.plusSeconds(10));
        assertThat(plan(interval(10_000, MisfirePolicy.FIRE_ONCE_NOW), cursor, cursor.plusSeconds(35)).fires())
                .containsExactly(cursor.plusSeconds(30));
        assertThat(plan(interval(10_000, MisfirePolicy.SKIP), cursor, cursor.plusSeconds(35)).skippedUpTo())
                .isEqualTo(cursor.plusSeconds(30));
    }

    @Test
    void a_rare_cron_after_days_of_downtime_finds_its_last_instant() {
        // daily at 06:30 in Paris; down from the 1st to the 4th at noon
        TriggerSpec daily = cron("0 30 6 * * *", "Europe/Paris", MisfirePolicy.FIRE_ONCE_NOW);

        FirePlan plan = plan(daily, T0, Instant.parse("2025-03-04T12:00:00Z"));

        assertThat(plan.fires()).containsExactly(Instant.parse("2025-03-04T05:30:00Z"));
    }

    @Test
    void a_cron_follows_its_zone_across_daylight_saving() {
        // 02:30 does not exist in Paris on 2025-03-30 (clocks go from 02:00 to 03:00): that day does not fire
        TriggerSpec twoThirty = cron("0 30 2 * * *", "Europe/Paris", MisfirePolicy.SKIP);
        Instant saturday = Instant.parse("2025-03-29T01:30:00Z");

        assertThat(schedules.next(twoThirty, saturday)).isEqualTo(Instant.parse("2025-03-31T00:30:00Z"));
    }
}
