package io.aviary.command.account;

import io.aviary.command.account.AccountCommands.ChargeAccount;
import io.aviary.command.account.AccountCommands.CreditAccount;
import io.aviary.command.account.AccountCommands.OpenAccount;
import io.aviary.events.account.AccountIds;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.worker.WorkerRegistered;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** From task and worker events to account commands, with a recording gateway in place of the aggregates. */
class AccountingProcessTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private static final String TASK = "6f1c1f0e-5d4b-4a57-9d59-2f1f5c3b8a10";
    private static final String W1 = "worker-1";
    private static final String W2 = "worker-2";

    private final AnsweringCommandGateway gateway = new AnsweringCommandGateway();
    private final InMemoryTaskPrices prices = new InMemoryTaskPrices();
    private final AccountingProcess process = new AccountingProcess(prices, gateway);

    private static final WorkerRegistered REGISTERED = new WorkerRegistered(W1, "w1", "hw-1", 1, 0, List.of("t"),
            Map.of(), T0);
    private static final TaskCreated CREATED = new TaskCreated(TASK, "t", Map.of(), 0, Map.of(), 3, 60_000, null, 14,
            33, T0.plusSeconds(1));
    private static final TaskAssigned ASSIGNED = new TaskAssigned(TASK, "t", 1, W1, Map.of(), 60_000,
            T0.plusSeconds(2));
    private static final TaskReassigned REASSIGNED = new TaskReassigned(TASK, "t", 2, W1, W2, Map.of(), 60_000,
            "shuffle", T0.plusSeconds(3));
    private static final TaskCompleted SUCCEEDED = completed(Outcome.SUCCESS);

    private static TaskCompleted completed(Outcome outcome) {
        return new TaskCompleted(TASK, "t", 2, W2, outcome, Map.of(), null, T0.plusSeconds(4));
    }

    @Test
    void a_registered_worker_gets_an_account_opened_at_its_registration() {
        process.on(REGISTERED);

        assertThat(gateway.commands()).containsExactly(new OpenAccount(AccountIds.forWorker(W1), W1, T0));
    }

    @Test
    void assignments_charge_the_fee_to_the_new_assignee_and_a_success_credits_the_reward() {
        // given a task with fee 14 and reward 33
        process.on(CREATED);

        // when it is assigned to W1, moved to W2, and W2 completes it
        process.on(ASSIGNED);
        process.on(REASSIGNED);
        process.on(SUCCEEDED);

        // then W1 pays for attempt 1, W2 for attempt 2, and W2 earns the reward; each dated with its event
        assertThat(gateway.commands()).containsExactly(
                new ChargeAccount(AccountIds.forWorker(W1), W1, TASK, 1, 14, "assignment", T0.plusSeconds(2)),
                new ChargeAccount(AccountIds.forWorker(W2), W2, TASK, 2, 14, "reassignment", T0.plusSeconds(3)),
                new CreditAccount(AccountIds.forWorker(W2), W2, TASK, 2, 33, "completion", T0.plusSeconds(4)));
    }

    @Test
    void events_that_carry_their_price_book_it_without_the_price_table_so_a_replay_from_anywhere_books_the_same() {
        // given no remembered price: the task ended long ago (its row forgotten), or the replay starts after its
        // TaskCreated
        TaskAssigned assigned = new TaskAssigned(TASK, "t", 1, W1, Map.of(), 60_000, T0.plusSeconds(2), 14L);
        TaskReassigned reassigned = new TaskReassigned(TASK, "t", 2, W1, W2, Map.of(), 60_000, "shuffle",
                T0.plusSeconds(3), 14L);
        TaskCompleted succeeded = new TaskCompleted(TASK, "t", 2, W2, Outcome.SUCCESS, Map.of(), null,
                T0.plusSeconds(4), 33L);

        // when its version-2 events are handled (again)
        process.on(assigned);
        process.on(reassigned);
        process.on(succeeded);

        // then the same money is booked as the first time
        assertThat(gateway.commands()).containsExactly(
                new ChargeAccount(AccountIds.forWorker(W1), W1, TASK, 1, 14, "assignment", T0.plusSeconds(2)),
                new ChargeAccount(AccountIds.forWorker(W2), W2, TASK, 2, 14, "reassignment", T0.plusSeconds(3)),
                new CreditAccount(AccountIds.forWorker(W2), W2, TASK, 2, 33, "completion", T0.plusSeconds(4)));
    }

    @Test
    void a_warning_earns_the_reward_and_a_failure_earns_nothing() {
        process.on(CREATED);

        process.on(completed(Outcome.FAILURE));
        process.on(completed(Outcome.WARNING));

        assertThat(gateway.commands()).containsExactly(
                new CreditAccount(AccountIds.forWorker(W2), W2, TASK, 2, 33, "completion", T0.plusSeconds(4)));
    }

    @Test
    void a_finished_task_is_forgotten_so_the_price_table_holds_open_tasks_only() {
        String cancelled = "1b7e4a22-0c55-4d1f-8e0a-55d4f3a9c001";
        String deadLettered = "2c8f5b33-1d66-4e2a-9f1b-66e5a4bad002";
        process.on(CREATED);
        process.on(new TaskCreated(cancelled, "t", Map.of(), 0, Map.of(), 3, 60_000, null, 10, 20, T0));
        process.on(new TaskCreated(deadLettered, "t", Map.of(), 0, Map.of(), 3, 60_000, null, 10, 20, T0));
        assertThat(prices.size()).isEqualTo(3);

        process.on(SUCCEEDED);
        process.on(new TaskCancelled(cancelled, "t", 0, null, "no", T0));
        process.on(new TaskDeadLettered(deadLettered, "t", 3, 3, "boom", T0));

        assertThat(prices.size()).isZero();
    }

    @Test
    void an_assignment_of_a_task_whose_creation_was_not_seen_is_not_charged() {
        process.on(ASSIGNED);

        assertThat(gateway.commands()).isEmpty();
    }

    @Test
    void a_replay_sends_exactly_the_same_commands_again_which_the_accounts_ignore_as_repeats() {
        List<Object> history = List.of(REGISTERED, CREATED, ASSIGNED, REASSIGNED, SUCCEEDED);
        history.forEach(this::deliver);
        List<Object> firstPass = new ArrayList<>(gateway.commands());
        gateway.clear();

        history.forEach(this::deliver);

        // the commands are a function of the events alone (ids, amounts, times), so the (task, attempt, kind) keys
        // of the Account aggregate recognise every one of them (AccountAggregateTest: a repeat emits nothing)
        assertThat(gateway.commands()).isEqualTo(firstPass);
    }

    private void deliver(Object event) {
        if (event instanceof WorkerRegistered e) {
            process.on(e);
        } else if (event instanceof TaskCreated e) {
            process.on(e);
        } else if (event instanceof TaskAssigned e) {
            process.on(e);
        } else if (event instanceof TaskReassigned e) {
            process.on(e);
        } else if (event instanceof TaskCompleted e) {
            process.on(e);
        }
    }
}
