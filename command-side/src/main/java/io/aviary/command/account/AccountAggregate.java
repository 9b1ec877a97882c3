package io.aviary.command.account;

import io.aviary.command.axon.AggregateCacheConfiguration;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.aviary.command.account.AccountCommands.ChargeAccount;
import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.account.AccountCommands.CreditAccount;
import io.aviary.command.account.AccountCommands.OpenAccount;
import io.aviary.command.account.MovementKeys.Kind;
import io.aviary.events.account.AccountCharged;
import io.aviary.events.account.AccountCredited;
import io.aviary.events.account.AccountIds;
import io.aviary.events.account.AccountOpened;
import io.aviary.events.account.BillingCycleClosed;
import io.aviary.events.account.PayoutIssued;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A worker's account: where the money rules live (aTES). Every movement is booked once per (task, attempt, kind),
 * however often its command arrives; a billing cycle closes once per date, in date order: a positive balance is
 * paid out (and the balance becomes 0), a negative one carries over.
 * <p>
 * Snapshotted every {@code aviary.accounts.snapshot-threshold} events ({@link AccountConfiguration}): the aggregate
 * itself is the snapshot (Jackson, fields only). {@link Revision} filters out snapshots of an older shape: bump it
 * when a field changes, and old snapshots are ignored (the account is then rebuilt from its events).
 */
@Aggregate(snapshotTriggerDefinition = AccountConfiguration.SNAPSHOT_TRIGGER, cache = AggregateCacheConfiguration.ACCOUNTS)
@Revision("1")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class AccountAggregate {

    private static final Set<String> CHARGE_REASONS = Set.of(AccountCommands.ASSIGNMENT, AccountCommands.REASSIGNMENT);
    private static final Set<String> CREDIT_REASONS = Set.of(AccountCommands.COMPLETION);

    @AggregateIdentifier
    private String accountId;
    private String workerId;
    private long balance;
    /** The latest closed cycle; a date on or before it is closed already. */
    private LocalDate lastClosedDate;
    private MovementKeys booked = new MovementKeys();

    protected AccountAggregate() {
        // Axon creates an empty instance, then replays the events (or runs a creating command).
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenAccount command) {
        openIfMissing(command.accountId(), command.workerId(), command.openedAt());
    }

    /** Books the fee; answers whether it was booked now ({@code false}: a repeat, nothing changed). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ChargeAccount command) {
        requireMovement(command.taskId(), command.attempt(), command.amount(), command.reason(), CHARGE_REASONS);
        openIfMissing(command.accountId(), command.workerId(), command.chargedAt());
        if (booked.contains(command.taskId(), command.attempt(), Kind.CHARGE)) {
            return false;
        }
        apply(new AccountCharged(accountId, workerId, command.taskId(), command.attempt(), command.amount(),
                command.reason(), Math.subtractExact(balance, command.amount()), command.chargedAt()));
        return true;
    }

    /** Books the reward; answers whether it was booked now ({@code false}: a repeat, nothing changed). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(CreditAccount command) {
        requireMovement(command.taskId(), command.attempt(), command.amount(), command.reason(), CREDIT_REASONS);
        openIfMissing(command.accountId(), command.workerId(), command.creditedAt());
        if (booked.contains(command.taskId(), command.attempt(), Kind.CREDIT)) {
            return false;
        }
        apply(new AccountCredited(accountId, workerId, command.taskId(), command.attempt(), command.amount(),
                command.reason(), Math.addExact(balance, command.amount()), command.creditedAt()));
        return true;
    }

    /**
     * Closes the cycle of a date: the balance as it is now is the cycle's balance. Answers whether it closed now;
     * a date on or before the last closed one changes nothing (so every replica and every catch-up may send it).
     */
    @CommandHandler
    public boolean handle(CloseBillingCycle command) {
        Objects.requireNonNull(command.cycleDate(), "cycleDate");
        if (lastClosedDate != null && !command.cycleDate().isAfter(lastClosedDate)) {
            return false;
        }
        long cycleBalance = balance;
        Instant now = now();
        apply(new BillingCycleClosed(accountId, workerId, command.cycleDate(), cycleBalance, now));
        if (cycleBalance > 0) {
            apply(new PayoutIssued(accountId, workerId, command.cycleDate(), cycleBalance, now));
        }
        return true;
    }

    private void openIfMissing(String id, String worker, Instant at) {
        if (accountId != null) {
            return;
        }
        if (worker == null || !AccountIds.forWorker(worker).equals(id)) {
            throw new IllegalArgumentException("account " + id + " is not the account of worker " + worker);
        }
        apply(new AccountOpened(id, worker, at != null ? at : now()));
    }

    private static void requireMovement(String taskId, int attempt, long amount, String reason, Set<String> reasons) {
        if (taskId == null || taskId.isBlank()) {
            throw new IllegalArgumentException("a task id is required");
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
        if (amount < 0) {
            throw new IllegalArgumentException("amount must not be negative, was " + amount);
        }
        if (!reasons.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + reasons + ", was " + reason);
        }
    }

    @EventSourcingHandler
    void on(AccountOpened event) {
        accountId = event.accountId();
        workerId = event.workerId();
        balance = 0;
    }

    @EventSourcingHandler
    void on(AccountCharged event) {
        booked.add(event.taskId(), event.attempt(), Kind.CHARGE);
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(AccountCredited event) {
        booked.add(event.taskId(), event.attempt(), Kind.CREDIT);
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(BillingCycleClosed event) {
        lastClosedDate = event.cycleDate();
    }

    @EventSourcingHandler
    void on(PayoutIssued event) {
        balance -= event.amount();
    }

    /** Axon's message clock: the event timestamps use it too, and test fixtures pin it. */
    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }
}
