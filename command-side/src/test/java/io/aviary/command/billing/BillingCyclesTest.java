package io.aviary.command.billing;

import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.account.AnsweringCommandGateway;
import io.aviary.command.web.CommandSender;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BillingCyclesTest {

    private static final Instant NOW = Instant.parse("2025-03-05T12:00:00Z");
    private static final LocalDate MARCH_4 = LocalDate.of(2025, 3, 4);

    private final InMemoryBillingAccounts accounts = new InMemoryBillingAccounts();
    /** Plays the Account aggregates: a (account, date) closes once; "broken" fails. */
    private final Set<CloseBillingCycle> closedOnce = new HashSet<>();
    private final AnsweringCommandGateway gateway = new AnsweringCommandGateway().answering(command -> {
        CloseBillingCycle close = (CloseBillingCycle) command;
        if (close.accountId().equals("broken")) {
            throw new IllegalStateException("database unavailable");
        }
        return closedOnce.add(close);
    });
    private final BillingCycles cycles = new BillingCycles(accounts, new CommandSender(gateway),
            new BillingSchedule(LocalTime.of(0, 5), ZoneOffset.UTC), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_close_goes_to_every_account_that_existed_during_the_day_and_counts_what_closed() {
        // given two old accounts and one opened after the 4th ended
        accounts.opened("a1", "w1", Instant.parse("2025-03-01T00:00:00Z"));
        accounts.opened("a2", "w2", Instant.parse("2025-03-04T23:59:59Z"));
        accounts.opened("a3", "w3", Instant.parse("2025-03-05T00:00:00Z"));

        // when the 4th is closed, twice
        BillingCycles.CloseOutcome first = cycles.close(MARCH_4);
        BillingCycles.CloseOutcome again = cycles.close(MARCH_4);

        // then the accounts of that day were asked each time, and closed only the first time
        assertThat(first).isEqualTo(new BillingCycles.CloseOutcome(MARCH_4, 2, 2, 0));
        assertThat(again).isEqualTo(new BillingCycles.CloseOutcome(MARCH_4, 2, 0, 0));
        assertThat(gateway.commands(CloseBillingCycle.class)).extracting(CloseBillingCycle::accountId)
                .containsExactly("a1", "a2", "a1", "a2");
    }

    @Test
    void a_failing_account_is_counted_and_the_others_still_close() {
        accounts.opened("a1", "w1", Instant.parse("2025-03-01T00:00:00Z"));
        accounts.opened("broken", "w2", Instant.parse("2025-03-01T00:00:00Z"));
        accounts.opened("z9", "w3", Instant.parse("2025-03-01T00:00:00Z"));

        assertThat(cycles.close(MARCH_4)).isEqualTo(new BillingCycles.CloseOutcome(MARCH_4, 3, 2, 1));
    }

    @Test
    void due_cycles_close_oldest_first_only_for_accounts_that_have_not_closed_them() {
        // given a1 closed up to the 2nd, a2 never closed, a3 opened on the 3rd
        accounts.opened("a1", "w1", Instant.parse("2025-02-01T00:00:00Z"));
        accounts.closed("a1", LocalDate.of(2025, 3, 2));
        accounts.opened("a2", "w2", Instant.parse("2025-02-01T00:00:00Z"));
        accounts.opened("a3", "w3", Instant.parse("2025-03-03T10:00:00Z"));

        // when the 3 days up to the 4th are due
        List<BillingCycles.CloseOutcome> outcomes = cycles.closeDue(MARCH_4, 3);

        // then
        assertThat(gateway.commands(CloseBillingCycle.class)).containsExactly(
                new CloseBillingCycle("a2", LocalDate.of(2025, 3, 2)),
                new CloseBillingCycle("a1", LocalDate.of(2025, 3, 3)),
                new CloseBillingCycle("a2", LocalDate.of(2025, 3, 3)),
                new CloseBillingCycle("a3", LocalDate.of(2025, 3, 3)),
                new CloseBillingCycle("a1", MARCH_4),
                new CloseBillingCycle("a2", MARCH_4),
                new CloseBillingCycle("a3", MARCH_4));
        assertThat(outcomes).extracting(BillingCycles.CloseOutcome::date)
                .containsExactly(LocalDate.of(2025, 3, 2), LocalDate.of(2025, 3, 3), MARCH_4);
    }

    @Test
    void yesterday_is_the_default_and_only_future_days_are_refused() {
        assertThat(cycles.defaultDate()).isEqualTo(MARCH_4);
        assertThat(cycles.isFuture(LocalDate.of(2025, 3, 5))).isFalse();
        assertThat(cycles.isFuture(LocalDate.of(2025, 3, 6))).isTrue();
    }
}
