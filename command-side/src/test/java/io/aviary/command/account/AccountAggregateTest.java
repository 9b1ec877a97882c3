package io.aviary.command.account;

import io.aviary.command.account.AccountCommands.ChargeAccount;
import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.account.AccountCommands.CreditAccount;
import io.aviary.command.account.AccountCommands.OpenAccount;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountIds;
import io.aviary.events.account.AccountOpened;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static io.aviary.command.account.AccountCommands.ASSIGNMENT;
import static io.aviary.command.account.AccountCommands.COMPLETION;
import static io.aviary.command.account.AccountCommands.REASSIGNMENT;

class AccountAggregateTest {

    private static final Instant NOW = Instant.parse("2025-03-02T00:05:00Z");
    private static final Instant OPENED_AT = Instant.parse("2025-03-01T08:00:00Z");
    private static final Instant T1 = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-01T10:00:00Z");
    private static final String WORKER = "9a1d4a52-3c0e-3e48-a5f0-7c1b3c1e2d10";
    private static final String ACCOUNT = AccountIds.forWorker(WORKER);
    private static final String TASK = "6f1c1f0e-5d4b-4a57-9d59-2f1f5c3b8a10";
    private static final String OTHER_TASK = "1b7e4a22-0c55-4d1f-8e0a-55d4f3a9c001";
    private static final LocalDate MARCH_1 = LocalDate.of(2025, 3, 1);

    private static final AccountOpened OPENED = new AccountOpened(ACCOUNT, WORKER, OPENED_AT);

    private AggregateTestFixture<AccountAggregate> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AccountAggregate.class);
    }

    private TestExecutor<AccountAggregate> given(Object... events) {
        return fixture.givenCurrentTime(NOW).andGiven(OPENED).andGiven(events);
    }

    private static AccountCharged charged(String task, int attempt, long amount, long balanceAfter) {
        return new AccountCharged(ACCOUNT, WORKER, task, attempt, amount, ASSIGNMENT, balanceAfter, T1);
    }

    private static AccountCredited credited(String task, int attempt, long amount, long balanceAfter) {
        return new AccountCredited(ACCOUNT, WORKER, task, attempt, amount, COMPLETION, balanceAfter, T2);
    }

    // ---- opening ----

    @Test
    void opening_a_missing_account_opens_it_with_balance_zero() {
        fixture.givenNoPriorActivity()
                .when(OpenAccount.forWorker(WORKER, OPENED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(OPENED);
    }

    @Test
    void opening_an_open_account_again_changes_nothing() {
        given().when(OpenAccount.forWorker(WORKER, T2))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    // ---- charges and credits ----

    @Test
    void a_charge_lowers_the_balance_and_is_dated_with_the_assignment() {
        given(charged(OTHER_TASK, 1, 10, -10))
                .when(ChargeAccount.forWorker(WORKER, TASK, 2, 15, REASSIGNMENT, T2))
                .expectResultMessagePayload(true)
                .expectEvents(new AccountCharged(ACCOUNT, WORKER, TASK, 2, 15, REASSIGNMENT, -25, T2));
    }

    @Test
    void a_credit_raises_the_balance() {
        given(charged(TASK, 1, 12, -12))
                .when(CreditAccount.forWorker(WORKER, TASK, 1, 30, COMPLETION, T2))
                .expectResultMessagePayload(true)
                .expectEvents(credited(TASK, 1, 30, 18));
    }

    @Test
    void a_charge_for_a_missing_account_opens_it_first() {
        fixture.givenNoPriorActivity()
                .when(ChargeAccount.forWorker(WORKER, TASK, 1, 12, ASSIGNMENT, T1))
                .expectEvents(new AccountOpened(ACCOUNT, WORKER, T1), charged(TASK, 1, 12, -12));
    }

    @Test
    void a_repeated_charge_changes_nothing() {
        given(charged(TASK, 1, 12, -12))
                .when(ChargeAccount.forWorker(WORKER, TASK, 1, 12, ASSIGNMENT, T1))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_repeated_charge_is_recognised_by_task_and_attempt_whatever_its_amount_or_time() {
        given(charged(TASK, 1, 12, -12), credited(TASK, 1, 30, 18))
                .when(ChargeAccount.forWorker(WORKER, TASK, 1, 99, REASSIGNMENT, T2))
                .expectNoEvents();
    }

    @Test
    void a_repeated_credit_changes_nothing() {
        given(charged(TASK, 1, 12, -12), credited(TASK, 1, 30, 18))
                .when(CreditAccount.forWorker(WORKER, TASK, 1, 30, COMPLETION, T2))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void a_charge_and_a_credit_of_one_attempt_are_distinct_movements() {
        given(credited(TASK, 1, 30, 30))
                .when(ChargeAccount.forWorker(WORKER, TASK, 1, 12, ASSIGNMENT, T1))
                .expectEvents(charged(TASK, 1, 12, 18));
    }

    @Test
    void another_attempt_of_the_same_task_is_charged_again() {
        given(charged(TASK, 1, 12, -12))
                .when(ChargeAccount.forWorker(WORKER, TASK, 3, 12, ASSIGNMENT, T1))
                .expectEvents(charged(TASK, 3, 12, -24));
    }

    @Test
    void a_movement_with_a_bad_reason_or_amount_is_refused_and_changes_nothing() {
        given().when(ChargeAccount.forWorker(WORKER, TASK, 1, 12, COMPLETION, T1))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        given().when(CreditAccount.forWorker(WORKER, TASK, 1, -5, COMPLETION, T1))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
        given().when(ChargeAccount.forWorker(WORKER, TASK, 0, 12, ASSIGNMENT, T1))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void a_charge_naming_another_workers_account_is_refused() {
        fixture.givenNoPriorActivity()
                .when(new ChargeAccount(ACCOUNT, "someone-else", TASK, 1, 12, ASSIGNMENT, T1))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    // ---- billing cycles ----

    @Test
    void closing_with_a_positive_balance_pays_it_out_and_resets_the_balance() {
        given(charged(TASK, 1, 12, -12), credited(TASK, 1, 30, 18))
                .when(new CloseBillingCycle(ACCOUNT, MARCH_1))
                .expectResultMessagePayload(true)
                .expectEvents(new BillingCycleClosed(ACCOUNT, WORKER, MARCH_1, 18, NOW),
                        new PayoutIssued(ACCOUNT, WORKER, MARCH_1, 18, NOW));
        // the next charge starts from 0
        given(charged(TASK, 1, 12, -12), credited(TASK, 1, 30, 18),
                new BillingCycleClosed(ACCOUNT, WORKER, MARCH_1, 18, NOW),
                new PayoutIssued(ACCOUNT, WORKER, MARCH_1, 18, NOW))
                .when(ChargeAccount.forWorker(WORKER, OTHER_TASK, 1, 10, ASSIGNMENT, T2))
                .expectEvents(new AccountCharged(ACCOUNT, WORKER, OTHER_TASK, 1, 10, ASSIGNMENT, -10, T2));
    }

    @Test
    void closing_with_a_zero_balance_pays_nothing() {
        given(charged(TASK, 1, 30, -30), credited(TASK, 1, 30, 0))
                .when(new CloseBillingCycle(ACCOUNT, MARCH_1))
                .expectEvents(new BillingCycleClosed(ACCOUNT, WORKER, MARCH_1, 0, NOW));
    }

    @Test
    void a_negative_balance_carries_over_to_the_next_cycle() {
        BillingCycleClosed firstClose = new BillingCycleClosed(ACCOUNT, WORKER, MARCH_1, -12, NOW);
        given(charged(TASK, 1, 12, -12))
                .when(new CloseBillingCycle(ACCOUNT, MARCH_1))
                .expectEvents(firstClose);
        // then the next day starts at -12: a reward of 30 leaves 18, which the next close pays out
        given(charged(TASK, 1, 12, -12), firstClose, credited(TASK, 1, 30, 18))
                .when(new CloseBillingCycle(ACCOUNT, MARCH_1.plusDays(1)))
                .expectEvents(new BillingCycleClosed(ACCOUNT, WORKER, MARCH_1.plusDays(1), 18, NOW),
                        new PayoutIssued(ACCOUNT, WORKER, MARCH_1.plusDays(1), 18, NOW));
    }

    @Test
    void closing_the_same_date_twice_changes_nothing() {
        given(credited(TASK, 1, 30, 30), new BillingCycleClosed(ACCOUNT, WORKER, MARCH_1, 30, NOW),
                new PayoutIssued(ACCOUNT, WORKER, MARCH_1, 30, NOW), credited(OTHER_TASK, 1, 25, 25))
                .when(new CloseBillingCycle(ACCOUNT, MARCH_1))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void closing_a_date_before_the_last_closed_one_changes_nothing() {
        given(new BillingCycleClosed(ACCOUNT, WORKER, MARCH_1, 0, NOW))
                .when(new CloseBillingCycle(ACCOUNT, MARCH_1.minusDays(3)))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void closing_a_missing_account_is_not_found() {
        fixture.givenNoPriorActivity()
                .when(new CloseBillingCycle(ACCOUNT, MARCH_1))
                .expectException(AggregateNotFoundException.class);
    }
}
