package io.aviary.command.area.schedule;

import io.aviary.command.account.AnsweringCommandGateway;
import io.aviary.command.area.AreaCommands.FireArea;
import io.aviary.command.area.AreaFixtures;
import io.aviary.command.dispatch.MutableClock;
import io.aviary.command.web.CommandSender;
import io.aviary.events.area.AreaFired;
import io.aviary.events.area.AreaPaused;
import io.aviary.events.area.AreaResumed;
import io.aviary.events.area.FireSource;
import io.aviary.events.area.MisfirePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler after downtime, on a fake clock: an AREA with FIRE_ONCE_NOW fires once for the gap, one with SKIP
 * not at all; both fire normally again afterwards. A pause owes nothing for the time it lasted.
 */
class MisfirePolicyTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final ScheduleView view = new ScheduleView();
    private final AnsweringCommandGateway gateway = new AnsweringCommandGateway();
    private final AreaScheduler scheduler = new AreaScheduler(view, () -> true, new CommandSender(gateway), clock,
            new SchedulerProperties(true, Duration.ofMillis(200), Duration.ofSeconds(5), 10));

    @Test
    void after_a_gap_fire_once_now_fires_once_and_skip_does_not_fire() {
        // given two AREAs firing every second, one per policy, fired up to T0 + 1 s
        view.on(AreaFixtures.scheduled("once", AreaFixtures.cron("* * * * * *", "UTC", MisfirePolicy.FIRE_ONCE_NOW),
                T0));
        view.on(AreaFixtures.scheduled("skip", AreaFixtures.cron("* * * * * *", "UTC", MisfirePolicy.SKIP), T0));
        clock.advance(Duration.ofMillis(1_100));
        scheduler.tick();
        assertThat(instants()).containsExactly("once@" + T0.plusSeconds(1), "skip@" + T0.plusSeconds(1));
        gateway.clear();

        // when the scheduler was away for two minutes
        clock.advance(Duration.ofMinutes(2));
        scheduler.tick();

        // then FIRE_ONCE_NOW fired once, for the latest missed instant; SKIP fired nothing
        Instant latest = T0.plusSeconds(121);
        assertThat(instants()).containsExactly("once@" + latest);
        gateway.clear();

        // and at the next instant both fire again
        clock.advance(Duration.ofSeconds(1));
        scheduler.tick();
        assertThat(instants()).containsExactlyInAnyOrder("once@" + latest.plusSeconds(1),
                "skip@" + latest.plusSeconds(1));
    }

    @Test
    void a_pause_owes_no_fire_for_the_time_it_lasted() {
        view.on(AreaFixtures.scheduled("a", AreaFixtures.interval(1_000, MisfirePolicy.FIRE_ONCE_NOW), T0));
        view.on(new AreaPaused("a", T0.plusMillis(500)));
        clock.advance(Duration.ofMinutes(10));
        scheduler.tick();
        assertThat(gateway.commands()).isEmpty();

        // when resumed, the schedule restarts there: nothing for the paused ten minutes
        view.on(new AreaResumed("a", clock.instant()));
        scheduler.tick();
        assertThat(gateway.commands()).isEmpty();
        clock.advance(Duration.ofMillis(1_000));
        scheduler.tick();
        assertThat(instants()).containsExactly("a@" + clock.instant());
    }

    @Test
    void an_instant_fired_elsewhere_is_not_fired_again() {
        // given another replica fired T0 + 1 s, and this view learned it
        view.on(AreaFixtures.scheduled("a", AreaFixtures.cron("* * * * * *", "UTC", MisfirePolicy.FIRE_ONCE_NOW),
                T0));
        view.on(new AreaFired("a", "a@" + T0.plusSeconds(1), "e1", 1, FireSource.CRON, T0.plusSeconds(1), null,
                Map.of(), T0.plusSeconds(1)));

        clock.advance(Duration.ofMillis(1_500));
        scheduler.tick();

        assertThat(gateway.commands()).isEmpty();
    }

    private java.util.List<String> instants() {
        return gateway.commands(FireArea.class).stream().map(fire -> fire.areaId() + "@" + fire.scheduledFor())
                .toList();
    }
}
