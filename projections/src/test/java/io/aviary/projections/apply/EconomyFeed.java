package io.aviary.projections.apply;

import io.aviary.events.AviaryEvent;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountIds;
import io.aviary.events.account.AccountOpened;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import io.aviary.events.task.Outcome;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.task.TaskRequeued;
import io.aviary.events.task.TaskRetryScheduled;
import io.aviary.events.task.TaskStarted;
import io.aviary.events.worker.WorkerIds;
import io.aviary.events.worker.WorkerRegistered;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Task and account events as the command side emits them for the task economy: each assignment charges the
 * assignee's account the task's fee, each completion with SUCCESS or WARNING credits the reward, a cycle close
 * reports every account's balance and pays out positive ones. Per-aggregate sequences from 0; time only moves when
 * the test says so ({@link #at}, {@link #plus}), so expectations can be computed by hand.
 */
public final class EconomyFeed {

    private record Task(String type, int fee, int reward, int attempt, String workerId) {
    }

    private final Map<String, Long> sequences = new HashMap<>();
    private final List<ProjectedEvent> events = new ArrayList<>();
    private final Map<String, Long> balances = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private Instant clock = Instant.parse("2026-01-30T00:00:00Z");

    public static String workerId(String name) {
        return WorkerIds.forName(name);
    }

    public static String taskId(String name) {
        return UUID.nameUUIDFromBytes(("task:" + name).getBytes()).toString();
    }

    public List<ProjectedEvent> events() {
        return List.copyOf(events);
    }

    public Instant now() {
        return clock;
    }

    public long balance(String workerId) {
        return balances.getOrDefault(workerId, 0L);
    }

    /** Workers with an account, in registration order. */
    public List<String> workers() {
        return List.copyOf(balances.keySet());
    }

    public EconomyFeed at(String instant) {
        clock = Instant.parse(instant);
        return this;
    }

    public EconomyFeed plus(Duration duration) {
        clock = clock.plus(duration);
        return this;
    }

    private void add(AviaryEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        events.add(new ProjectedEvent(UUID.randomUUID().toString(), sequence, event));
    }

    /** A worker registers; its account opens. */
    public EconomyFeed worker(String name, String... taskTypes) {
        String workerId = workerId(name);
        add(new WorkerRegistered(workerId, name, "hw-" + name, 2, 5, List.of(taskTypes), Map.of(), clock));
        add(new AccountOpened(AccountIds.forWorker(workerId), workerId, clock));
        balances.put(workerId, 0L);
        return this;
    }

    public EconomyFeed created(String taskId, String type, int fee, int reward) {
        add(new TaskCreated(taskId, type, Map.of(), 0, Map.of(), 3, 60_000, null, fee, reward, clock));
        tasks.put(taskId, new Task(type, fee, reward, 0, null));
        return this;
    }

    /** The next attempt goes to {@code workerId}, who is charged the fee. */
    public EconomyFeed assigned(String taskId, String workerId) {
        Task task = tasks.get(taskId);
        int attempt = task.attempt() + 1;
        add(new TaskAssigned(taskId, task.type(), attempt, workerId, Map.of(), 60_000, clock));
        charge(workerId, taskId, attempt, task.fee(), "assignment");
        tasks.put(taskId, new Task(task.type(), task.fee(), task.reward(), attempt, workerId));
        return this;
    }

    /** Shuffled to {@code workerId}, who is charged the fee again. */
    public EconomyFeed reassigned(String taskId, String workerId) {
        Task task = tasks.get(taskId);
        int attempt = task.attempt() + 1;
        add(new TaskReassigned(taskId, task.type(), attempt, task.workerId(), workerId, Map.of(), 60_000, "shuffle",
                clock));
        charge(workerId, taskId, attempt, task.fee(), "reassignment");
        tasks.put(taskId, new Task(task.type(), task.fee(), task.reward(), attempt, workerId));
        return this;
    }

    public EconomyFeed started(String taskId) {
        Task task = tasks.get(taskId);
        add(new TaskStarted(taskId, task.type(), task.attempt(), task.workerId(), clock));
        return this;
    }

    /** Reported; SUCCESS and WARNING credit the reward to the reporting worker. */
    public EconomyFeed completed(String taskId, Outcome outcome) {
        Task task = tasks.get(taskId);
        add(new TaskCompleted(taskId, task.type(), task.attempt(), task.workerId(), outcome, Map.of(), null, clock));
        if (outcome.completesTask()) {
            long balance = balances.merge(task.workerId(), (long) task.reward(), Long::sum);
            add(new AccountCredited(AccountIds.forWorker(task.workerId()), task.workerId(), taskId, task.attempt(),
                    task.reward(), "completion", balance, clock));
        }
        return this;
    }

    /** After a FAILURE: a retry not before {@code backoff} from now. */
    public EconomyFeed retryScheduled(String taskId, int failures, Duration backoff) {
        Task task = tasks.get(taskId);
        add(new TaskRetryScheduled(taskId, task.type(), task.attempt(), failures, clock.plus(backoff), "failed",
                clock));
        return this;
    }

    /** The worker went down: the task waits for a new assignment. */
    public EconomyFeed requeued(String taskId) {
        Task task = tasks.get(taskId);
        add(new TaskRequeued(taskId, task.type(), task.attempt(), task.workerId(), "worker down", clock));
        return this;
    }

    /** Closes the billing cycle of {@code cycleDate} for every account, in registration order. */
    public EconomyFeed closed(String cycleDate) {
        LocalDate date = LocalDate.parse(cycleDate);
        for (Map.Entry<String, Long> account : balances.entrySet()) {
            String workerId = account.getKey();
            long balance = account.getValue();
            add(new BillingCycleClosed(AccountIds.forWorker(workerId), workerId, date, balance, clock));
            if (balance > 0) {
                add(new PayoutIssued(AccountIds.forWorker(workerId), workerId, date, balance, clock));
                account.setValue(0L);
            }
        }
        return this;
    }

    private void charge(String workerId, String taskId, int attempt, int fee, String reason) {
        long balance = balances.merge(workerId, (long) -fee, Long::sum);
        add(new AccountCharged(AccountIds.forWorker(workerId), workerId, taskId, attempt, fee, reason, balance,
                clock));
    }
}
