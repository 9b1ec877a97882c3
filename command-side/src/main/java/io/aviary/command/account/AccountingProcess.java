package io.aviary.command.account;

import io.aviary.command.account.AccountCommands.ChargeAccount;
import io.aviary.command.account.AccountCommands.CreditAccount;
import io.aviary.command.account.AccountCommands.OpenAccount;
import io.aviary.command.account.TaskPrices.Prices;
import io.aviary.events.task.TaskAssigned;
import io.aviary.events.task.TaskCancelled;
import io.aviary.events.task.TaskCompleted;
import io.aviary.events.task.TaskCreated;
import io.aviary.events.task.TaskDeadLettered;
import io.aviary.events.task.TaskReassigned;
import io.aviary.events.worker.WorkerRegistered;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Which task event moves which money (aTES), in processing group {@value #PROCESSING_GROUP}:
 * <table>
 *   <caption>events and the account commands they send</caption>
 *   <tr><th>event</th><th>command</th></tr>
 *   <tr><td>{@code WorkerRegistered}</td><td>{@code OpenAccount}</td></tr>
 *   <tr><td>{@code TaskCreated}</td><td>(remember fee and reward)</td></tr>
 *   <tr><td>{@code TaskAssigned}</td><td>{@code ChargeAccount(fee, "assignment")} to the assignee</td></tr>
 *   <tr><td>{@code TaskReassigned}</td><td>{@code ChargeAccount(fee, "reassignment")} to the new assignee</td></tr>
 *   <tr><td>{@code TaskCompleted} SUCCESS/WARNING</td><td>{@code CreditAccount(reward, "completion")}</td></tr>
 * </table>
 * Each movement is dated with its event's time, so per-day figures agree with the task history. Every command is
 * idempotent in the Account aggregate, so redelivery and a replay from the first event change nothing.
 * <p>
 * The assignment and completion events carry their price since their version 2 (ADR 16): a replay from any point
 * books the same money, and nothing is looked up. Only events written before version 2 read the price table, which
 * is still filled from {@code TaskCreated} and emptied when the task ends, as before.
 * <p>
 * Runs in a tracking processor with the persistent JDBC token store: commands are sent and waited for on the
 * processor's thread, inside the batch's unit of work and transaction, so the account events, the
 * {@link TaskPrices} rows and the token are committed together (an event is either fully accounted or retried).
 */
@ProcessingGroup(AccountingProcess.PROCESSING_GROUP)
public class AccountingProcess {

    /** The processing group, and so the name of its tracking processor. */
    public static final String PROCESSING_GROUP = "accounting";

    private static final Logger log = LoggerFactory.getLogger(AccountingProcess.class);

    private final TaskPrices prices;
    private final CommandGateway commands;

    public AccountingProcess(TaskPrices prices, CommandGateway commands) {
        this.prices = prices;
        this.commands = commands;
    }

    @EventHandler
    public void on(WorkerRegistered event) {
        commands.sendAndWait(OpenAccount.forWorker(event.workerId(), event.registeredAt()));
    }

    @EventHandler
    public void on(TaskCreated event) {
        prices.remember(event.taskId(), new Prices(event.assignmentFee(), event.completionReward()));
    }

    @EventHandler
    public void on(TaskAssigned event) {
        feeOf(event.taskId(), event.assignmentFee(), "assignment").ifPresent(fee -> commands.sendAndWait(
                ChargeAccount.forWorker(event.workerId(), event.taskId(), event.attempt(), fee,
                        AccountCommands.ASSIGNMENT, event.assignedAt())));
    }

    @EventHandler
    public void on(TaskReassigned event) {
        feeOf(event.taskId(), event.assignmentFee(), "reassignment").ifPresent(fee -> commands.sendAndWait(
                ChargeAccount.forWorker(event.toWorkerId(), event.taskId(), event.attempt(), fee,
                        AccountCommands.REASSIGNMENT, event.reassignedAt())));
    }

    @EventHandler
    public void on(TaskCompleted event) {
        if (!event.outcome().completesTask()) {
            return; // a failure earns nothing; a retry (new attempt, new charge) or a dead letter follows
        }
        Optional<Long> reward = event.completionReward() != null ? Optional.of(event.completionReward())
                : priceOf(event.taskId(), "completion").map(Prices::reward);
        reward.ifPresent(amount -> commands.sendAndWait(CreditAccount.forWorker(event.workerId(), event.taskId(),
                event.attempt(), amount, AccountCommands.COMPLETION, event.completedAt())));
        prices.forget(event.taskId());
    }

    @EventHandler
    public void on(TaskCancelled event) {
        prices.forget(event.taskId());
    }

    @EventHandler
    public void on(TaskDeadLettered event) {
        prices.forget(event.taskId());
    }

    /** The fee the event carries (version 2), else the one remembered from the task's {@code TaskCreated}. */
    private Optional<Long> feeOf(String taskId, Long carried, String movement) {
        return carried != null ? Optional.of(carried) : priceOf(taskId, movement).map(Prices::fee);
    }

    private Optional<Prices> priceOf(String taskId, String movement) {
        Optional<Prices> price = prices.find(taskId);
        if (price.isEmpty()) {
            // Only possible when the processor did not see the TaskCreated (a token reset to a later position):
            // nothing to charge from, and blocking the processor would stop every account.
            log.error("No price known for task {}: its {} is not accounted", taskId, movement);
        }
        return price;
    }
}
