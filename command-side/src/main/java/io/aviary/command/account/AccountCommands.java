package io.aviary.command.account;

import io.aviary.events.account.AccountIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/** Commands of the Account aggregate. The account id is {@link AccountIds#forWorker}. */
public final class AccountCommands {

    /** Reason of a charge for a first (or re-queued) assignment. */
    public static final String ASSIGNMENT = "assignment";
    /** Reason of a charge for a reassignment (shuffle). */
    public static final String REASSIGNMENT = "reassignment";
    /** Reason of a credit for a completed task. */
    public static final String COMPLETION = "completion";

    private AccountCommands() {
    }

    /** Open the worker's account; nothing happens when it is open already. */
    public record OpenAccount(@TargetAggregateIdentifier String accountId, String workerId, Instant openedAt) {

        public static OpenAccount forWorker(String workerId, Instant openedAt) {
            return new OpenAccount(AccountIds.forWorker(workerId), workerId, openedAt);
        }
    }

    /**
     * Charge a task's assignment fee; once per (taskId, attempt). Opens the account first if it is missing (the
     * registration may be handled after the assignment when the accounting processor runs several segments).
     *
     * @param chargedAt the assignment's time, so that daily figures agree with the task history
     */
    public record ChargeAccount(@TargetAggregateIdentifier String accountId, String workerId, String taskId,
                                int attempt, long amount, String reason, Instant chargedAt) {

        public static ChargeAccount forWorker(String workerId, String taskId, int attempt, long amount, String reason,
                                              Instant chargedAt) {
            return new ChargeAccount(AccountIds.forWorker(workerId), workerId, taskId, attempt, amount, reason,
                    chargedAt);
        }
    }

    /**
     * Credit a task's completion reward; once per (taskId, attempt). Opens the account first if it is missing.
     *
     * @param creditedAt the completion's time
     */
    public record CreditAccount(@TargetAggregateIdentifier String accountId, String workerId, String taskId,
                                int attempt, long amount, String reason, Instant creditedAt) {

        public static CreditAccount forWorker(String workerId, String taskId, int attempt, long amount,
                                              String reason, Instant creditedAt) {
            return new CreditAccount(AccountIds.forWorker(workerId), workerId, taskId, attempt, amount, reason,
                    creditedAt);
        }
    }

    /**
     * Close the billing cycle of {@code cycleDate} (a day in the billing zone). Answers {@code true} when it closed
     * now, {@code false} when that date (or a later one) was closed already.
     */
    public record CloseBillingCycle(@TargetAggregateIdentifier String accountId, LocalDate cycleDate) {
    }
}
