package io.aviary.command.billing;

import io.aviary.command.account.AccountCommands.CloseBillingCycle;
import io.aviary.command.web.CommandSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Closes billing cycles: sends {@link CloseBillingCycle} to each account, one after the other, and counts what
 * happened. Whether a date closes is the Account aggregate's decision (once per account and date, in date order), so
 * the same close may run on several replicas, twice, or late.
 */
public class BillingCycles {

    /**
     * What one close of one date did.
     *
     * @param date     the cycle
     * @param accounts accounts the close was sent to
     * @param closed   accounts that closed it now (the others had closed it, or a later date, before)
     * @param failed   accounts whose command failed (logged); a later close retries them
     */
    public record CloseOutcome(LocalDate date, int accounts, int closed, int failed) {
    }

    private static final Logger log = LoggerFactory.getLogger(BillingCycles.class);

    private final BillingAccounts accounts;
    private final CommandSender commands;
    private final BillingSchedule schedule;
    private final Clock clock;

    public BillingCycles(BillingAccounts accounts, CommandSender commands, BillingSchedule schedule, Clock clock) {
        this.accounts = accounts;
        this.commands = commands;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** The cycle a close without a date closes: yesterday in the billing zone. */
    public LocalDate defaultDate() {
        return schedule.yesterday(clock.instant());
    }

    /** Whether {@code date} is after today in the billing zone (such a cycle cannot be closed). */
    public boolean isFuture(LocalDate date) {
        return date.isAfter(schedule.today(clock.instant()));
    }

    /** Closes {@code date} for every account that existed during it (an accountant's close). */
    public CloseOutcome close(LocalDate date) {
        return send(date, accounts.openedBefore(schedule.endOf(date)));
    }

    /**
     * Closes, oldest first, each cycle of the {@code days} days up to {@code upTo} for the accounts that have not
     * closed it (the daily close, and the catch-up of cycles missed during downtime).
     */
    public List<CloseOutcome> closeDue(LocalDate upTo, int days) {
        List<CloseOutcome> outcomes = new ArrayList<>();
        for (LocalDate date = upTo.minusDays(days - 1L); !date.isAfter(upTo); date = date.plusDays(1)) {
            List<String> open = accounts.notClosed(date, schedule.endOf(date));
            if (!open.isEmpty()) {
                outcomes.add(send(date, open));
            }
        }
        return outcomes;
    }

    private CloseOutcome send(LocalDate date, List<String> accountIds) {
        int closed = 0;
        int failed = 0;
        for (String accountId : accountIds) {
            try {
                if (Boolean.TRUE.equals(commands.send(new CloseBillingCycle(accountId, date)))) {
                    closed++;
                }
            } catch (RuntimeException e) {
                failed++;
                log.warn("Closing the cycle {} of account {} failed; the next close retries it", date, accountId, e);
            }
        }
        CloseOutcome outcome = new CloseOutcome(date, accountIds.size(), closed, failed);
        log.info("Billing cycle {}: {} accounts, {} closed now, {} failed", date, outcome.accounts(), closed, failed);
        return outcome;
    }
}
