package io.aviary.command.account;

import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.dispatch.MutableClock;
import io.aviary.command.task.TaskCommands.AssignTask;
import io.aviary.command.task.TaskCommands.CancelTask;
import io.aviary.command.task.TaskCommands.CompleteTask;
import io.aviary.command.task.TaskCommands.CreateTask;
import io.aviary.command.task.TaskCommands.ReassignTask;
import io.aviary.command.task.TaskCommands.RequeueTask;
import io.aviary.command.task.TaskCommands.StartTask;
import io.aviary.command.worker.WorkerCommands.RegisterWorker;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountEvent;
import io.aviary.events.account.AccountIds;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskEvent;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerRegistered;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever happens to tasks, money is conserved and every balance is its own audit log's sum. Plain JUnit
 * with a seeded {@link Random} (no property library): 500 random interleavings of create / assign / reassign / start
 * / complete (SUCCESS, WARNING, FAILURE) / requeue / cancel / billing-cycle close / redelivery of an event / clock
 * moves, each on 3 workers, sent through the real aggregates and the {@link AccountingProcess}
 * ({@link EconomyHarness}; accounts are snapshotted every 3 events, through Jackson). After each interleaving:
 * <ul>
 *   <li>the account movements are exactly those the task events call for: one charge of the task's fee per
 *       assignment and reassignment (to the new assignee), one credit of its reward per SUCCESS/WARNING completion,
 *       each dated with its task event;</li>
 *   <li>the sum of all charges (negative) and credits (positive) is -(management earnings), where management
 *       earnings = fees charged - rewards paid, computed from the task events alone;</li>
 *   <li>per account, every {@code balanceAfter}, every closed {@code balance} and the final balance equal the running
 *       sum of its movements (charges -, credits +, payouts -); a positive close is paid out in full, others are not;
 *       so the final balances plus all payouts are -(management earnings) too;</li>
 *   <li>replaying every event of the interleaving through the process again changes nothing.</li>
 * </ul>
 * A failure names the interleaving's seed, which replays it alone.
 */
class MoneyConservationPropertyTest {

    private static final int INTERLEAVINGS = 500;
    private static final int INTERLEAVINGS_PER_STORE = 25;
    private static final long MASTER_SEED = 20250301L;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T08:00:00Z"));
    private Clock axonClock;

    @BeforeEach
    void pinAxonClock() {
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
    }

    @AfterEach
    void restoreAxonClock() {
        GenericEventMessage.clock = axonClock;
    }

    @Test
    void money_is_conserved_and_balances_equal_their_movements_in_random_interleavings() {
        Random seeds = new Random(MASTER_SEED);
        EconomyHarness harness = null;
        int snapshots = 0;
        int movements = 0;
        try {
            for (int run = 0; run < INTERLEAVINGS; run++) {
                if (run % INTERLEAVINGS_PER_STORE == 0) {
                    snapshots += harness == null ? 0 : harness.snapshotsTaken();
                    if (harness != null) {
                        harness.close();
                    }
                    harness = new EconomyHarness(3); // a fresh store keeps in-memory aggregate loads short
                }
                long seed = seeds.nextLong();
                try {
                    movements += new Interleaving(harness, new Random(seed), run).runAndCheck();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("interleaving " + run + " (seed " + seed + ") broke a property", e);
                }
            }
            snapshots += harness.snapshotsTaken();
        } finally {
            if (harness != null) {
                harness.close();
            }
        }
        // the interleavings did move money and did go through snapshots (a property over nothing proves nothing)
        assertThat(movements).isGreaterThan(INTERLEAVINGS * 5);
        assertThat(snapshots).isGreaterThan(INTERLEAVINGS);
    }

    /** One random interleaving on fresh workers and tasks. */
    private final class Interleaving {

        private final EconomyHarness harness;
        private final Random random;
        private final List<String> workers = new ArrayList<>();
        private final List<String> tasks = new ArrayList<>();

        Interleaving(EconomyHarness harness, Random random, int run) {
            this.harness = harness;
            this.random = random;
            for (int i = 0; i < 3; i++) {
                workers.add(WorkerIds.forName("run-" + run + "-worker-" + i));
            }
        }

        /** @return how many account movements it produced */
        int runAndCheck() {
            harness.clearRecorded();
            for (int i = 0; i < workers.size(); i++) {
                String name = "worker-" + i + "-" + workers.get(i);
                harness.send(new RegisterWorker(workers.get(i), name, "hw-" + name, 1, 5, List.of("t"), Map.of()));
            }
            int steps = 20 + random.nextInt(50);
            for (int step = 0; step < steps; step++) {
                act(random.nextInt(100));
            }
            List<EventMessage<?>> history = harness.recorded();
            replayEverything(history);
            assertThat(harness.recorded()).as("events after a replay of the whole interleaving")
                    .hasSameSizeAs(history);
            return check(history);
        }

        private void act(int dice) {
            if (dice < 12 || tasks.isEmpty()) {
                String taskId = UUID.randomUUID().toString();
                tasks.add(taskId);
                harness.send(new CreateTask(taskId, "t", Map.of(), 0, Map.of(), 3, 60_000, null,
                        10 + random.nextInt(11), 20 + random.nextInt(21)));
            } else if (dice < 30) {
                harness.trySend(new AssignTask(anyTask(), anyWorker()));
            } else if (dice < 42) {
                harness.trySend(new ReassignTask(anyTask(), anyWorker(), "shuffle"));
            } else if (dice < 50) {
                String taskId = anyTask();
                current(taskId).ifPresent(at -> harness.trySend(new StartTask(taskId, at.workerId, at.attempt)));
            } else if (dice < 68) {
                complete(anyTask());
            } else if (dice < 72) {
                String taskId = anyTask();
                current(taskId).ifPresent(at -> harness.trySend(new RequeueTask(taskId, at.attempt, "worker down")));
            } else if (dice < 74) {
                harness.trySend(new CancelTask(anyTask(), "changed my mind"));
            } else if (dice < 84) {
                LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
                LocalDate date = random.nextBoolean() ? today : today.minusDays(1);
                workers.forEach(worker -> harness.send(new CloseBillingCycle(AccountIds.forWorker(worker), date)));
            } else if (dice < 92) {
                redeliverSomething();
            } else {
                clock.advance(Duration.ofMinutes(1 + random.nextInt(240)));
            }
        }

        private void complete(String taskId) {
            current(taskId).ifPresent(at -> {
                int roll = random.nextInt(100);
                Outcome outcome = roll < 45 ? Outcome.SUCCESS : roll < 65 ? Outcome.WARNING : Outcome.FAILURE;
                // now and then a stale report (an older attempt), which the task refuses
                int attempt = random.nextInt(10) == 0 ? Math.max(1, at.attempt - 1) : at.attempt;
                harness.trySend(new CompleteTask(taskId, at.workerId, attempt, outcome, Map.of(), null));
            });
        }

        /** A task or worker event handed to the process once more: a redelivery after a crash. */
        private void redeliverSomething() {
            List<EventMessage<?>> candidates = harness.recorded().stream()
                    .filter(e -> e.getPayload() instanceof TaskEvent || e.getPayload() instanceof WorkerRegistered)
                    .filter(e -> !(e.getPayload() instanceof TaskEvent task)
                            || harness.prices().find(task.taskId()).isPresent())
                    .toList();
            if (!candidates.isEmpty()) {
                int before = harness.recorded().size();
                harness.redeliver(candidates.get(random.nextInt(candidates.size())));
                assertThat(harness.recorded()).as("events after a redelivery").hasSize(before);
            }
        }

        private void replayEverything(List<EventMessage<?>> history) {
            history.stream()
                    .filter(e -> e.getPayload() instanceof TaskEvent || e.getPayload() instanceof WorkerRegistered)
                    .forEach(harness::redeliver);
        }

        private int check(List<EventMessage<?>> history) {
            Map<String, TaskCreated> created = new HashMap<>();
            List<Movement> expected = new ArrayList<>();
            List<Movement> booked = new ArrayList<>();
            long fees = 0;
            long rewards = 0;
            for (EventMessage<?> message : history) {
                Object event = message.getPayload();
                if (event instanceof TaskCreated c) {
                    created.put(c.taskId(), c);
                } else if (event instanceof TaskAssigned a) {
                    int fee = created.get(a.taskId()).assignmentFee();
                    fees += fee;
                    expected.add(new Movement(a.workerId(), a.taskId(), a.attempt(), -fee, "assignment",
                            a.assignedAt()));
                } else if (event instanceof TaskReassigned r) {
                    int fee = created.get(r.taskId()).assignmentFee();
                    fees += fee;
                    expected.add(new Movement(r.toWorkerId(), r.taskId(), r.attempt(), -fee, "reassignment",
                            r.reassignedAt()));
                } else if (event instanceof TaskCompleted c && c.outcome().completesTask()) {
                    int reward = created.get(c.taskId()).completionReward();
                    rewards += reward;
                    expected.add(new Movement(c.workerId(), c.taskId(), c.attempt(), reward, "completion",
                            c.completedAt()));
                } else if (event instanceof AccountCharged c) {
                    booked.add(new Movement(c.workerId(), c.taskId(), c.attempt(), -c.amount(), c.reason(),
                            c.chargedAt()));
                } else if (event instanceof AccountCredited c) {
                    booked.add(new Movement(c.workerId(), c.taskId(), c.attempt(), c.amount(), c.reason(),
                            c.creditedAt()));
                }
            }
            long managementEarnings = fees - rewards;
            assertThat(booked).as("account movements vs. task events").containsExactlyInAnyOrderElementsOf(expected);
            assertThat(booked.stream().mapToLong(Movement::signedAmount).sum())
                    .as("sum of charges and credits").isEqualTo(-managementEarnings);

            long balances = 0;
            long payouts = 0;
            for (String worker : workers) {
                AccountLedger ledger = new AccountLedger();
                history.stream().map(EventMessage::getPayload)
                        .filter(e -> e instanceof AccountEvent a && a.workerId().equals(worker))
                        .forEach(ledger::apply);
                assertThat(ledger.payoutDue).as("a positive close without its payout").isFalse();
                balances += ledger.balance;
                payouts += ledger.paidOut;
            }
            assertThat(balances + payouts).as("final balances + payouts").isEqualTo(-managementEarnings);
            return booked.size();
        }

        private String anyTask() {
            return tasks.get(random.nextInt(tasks.size()));
        }

        private String anyWorker() {
            return workers.get(random.nextInt(workers.size()));
        }

        /** The task's latest assignment, from the events (whether it is still open is the aggregate's business). */
        private Optional<Attempt> current(String taskId) {
            Attempt latest = null;
            for (EventMessage<?> message : harness.recorded()) {
                if (message.getPayload() instanceof TaskAssigned a && a.taskId().equals(taskId)) {
                    latest = new Attempt(a.workerId(), a.attempt());
                } else if (message.getPayload() instanceof TaskReassigned r && r.taskId().equals(taskId)) {
                    latest = new Attempt(r.toWorkerId(), r.attempt());
                }
            }
            return Optional.ofNullable(latest);
        }
    }

    private record Attempt(String workerId, int attempt) {
    }

    /** A movement as the task events call for it and as the account booked it (amount signed, account's view). */
    private record Movement(String workerId, String taskId, int attempt, long signedAmount, String reason,
                            Instant at) {
    }

    /** Walks one account's events, checking each against the running sum of its movements. */
    private static final class AccountLedger {

        long balance;
        long paidOut;
        LocalDate lastClosed;
        boolean payoutDue;

        void apply(Object event) {
            assertThat(payoutDue && !(event instanceof PayoutIssued))
                    .as("a positive close is followed by its payout, not by %s", event).isFalse();
            if (event instanceof AccountCharged c) {
                balance -= c.amount();
                assertThat(c.balanceAfter()).as("balanceAfter of %s", c).isEqualTo(balance);
            } else if (event instanceof AccountCredited c) {
                balance += c.amount();
                assertThat(c.balanceAfter()).as("balanceAfter of %s", c).isEqualTo(balance);
            } else if (event instanceof BillingCycleClosed c) {
                assertThat(c.balance()).as("balance of %s", c).isEqualTo(balance);
                if (lastClosed != null) {
                    assertThat(c.cycleDate()).as("cycles close once, in date order").isAfter(lastClosed);
                }
                lastClosed = c.cycleDate();
                payoutDue = c.balance() > 0;
            } else if (event instanceof PayoutIssued p) {
                assertThat(balance).as("a payout follows a positive close").isPositive();
                assertThat(p.amount()).as("the whole positive balance is paid out").isEqualTo(balance);
                paidOut += p.amount();
                balance -= p.amount();
                payoutDue = false;
            }
        }
    }
}
