package io.aviary.command.billing;

import io.aviary.events.account.AccountOpened;
import io.aviary.events.account.BillingCycleClosed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Keeps {@link BillingAccounts} (which accounts exist, and the last cycle each closed) from the account events, in
 * processing group {@value #PROCESSING_GROUP} (tracking, persistent token). Idempotent, so it replays safely. The
 * Account aggregate stays the judge of whether a date is closed; this table only spares the scheduler commands that
 * would change nothing.
 */
@ProcessingGroup(BillingAccountsProjection.PROCESSING_GROUP)
public class BillingAccountsProjection {

    /** The processing group, and so the name of its tracking processor. */
    public static final String PROCESSING_GROUP = "billing-accounts";

    private final BillingAccounts accounts;

    public BillingAccountsProjection(BillingAccounts accounts) {
        this.accounts = accounts;
    }

    @EventHandler
    public void on(AccountOpened event) {
        accounts.opened(event.accountId(), event.workerId(), event.openedAt());
    }

    @EventHandler
    public void on(BillingCycleClosed event) {
        accounts.closed(event.accountId(), event.cycleDate());
    }
}
