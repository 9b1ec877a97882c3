package io.aviary.command.billing;

import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.account.AnsweringCommandGateway;
import io.aviary.command.web.CommandSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The start-up catch-up of missed cycles (misfire policy: catch up, bounded), on the scheduler's own thread. */
class BillingSchedulerTest {

    private static final Instant NOW = Instant.parse("2025-03-05T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final InMemoryBillingAccounts accounts = new InMemoryBillingAccounts();
    private final AnsweringCommandGateway gateway = new AnsweringCommandGateway().answering(command -> true);
    private final BillingSchedule schedule = new BillingSchedule(LocalTime.of(0, 5), ZoneOffset.UTC);
    private final BillingCycles cycles = new BillingCycles(accounts, new CommandSender(gateway), schedule, CLOCK);
    private BillingScheduler scheduler;

    @AfterEach
    void stop() {
        scheduler.stop();
    }

    @Test
    void on_start_the_missed_cycles_of_the_catch_up_window_close_once_the_processors_have_caught_up() {
        // given an account that closed the 1st, and processors that catch up after being asked twice
        accounts.opened("a1", "w1", Instant.parse("2025-02-01T00:00:00Z"));
        accounts.closed("a1", LocalDate.of(2025, 3, 1));
        AtomicInteger asked = new AtomicInteger();
        scheduler = new BillingScheduler(cycles, schedule,
                new BillingProperties(LocalTime.of(0, 5), ZoneOffset.UTC, 7, true, Duration.ofMinutes(10)),
                () -> asked.incrementAndGet() > 2, CLOCK);

        // when the scheduler starts on the 5th at noon
        scheduler.start();

        // then the 2nd, 3rd and 4th close, in order (the 5th is not over; the 1st was closed)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(gateway.commands(CloseBillingCycle.class)).extracting(CloseBillingCycle::cycleDate)
                        .containsExactly(LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 3),
                                LocalDate.of(2025, 3, 4)));
        assertThat(asked.get()).isGreaterThan(2);
    }

    @Test
    void the_catch_up_looks_back_no_further_than_its_window() {
        accounts.opened("a1", "w1", Instant.parse("2025-01-01T00:00:00Z"));
        scheduler = new BillingScheduler(cycles, schedule,
                new BillingProperties(LocalTime.of(0, 5), ZoneOffset.UTC, 2, true, Duration.ofMinutes(10)),
                () -> true, CLOCK);

        scheduler.start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(gateway.commands(CloseBillingCycle.class)).extracting(CloseBillingCycle::cycleDate)
                        .containsExactly(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 4)));
    }
}
