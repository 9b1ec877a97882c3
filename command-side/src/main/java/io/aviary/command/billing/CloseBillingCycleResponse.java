package io.aviary.command.billing;

import java.time.LocalDate;

/**
 * Answer of {@code POST /api/v1/billing-cycles/close}.
 *
 * @param date     the closed day
 * @param accounts accounts that existed during that day (the close was sent to each)
 * @param closed   accounts that closed it now; the others had closed it (or a later day) before
 * @param failed   accounts whose close failed (see the server log); closing again retries them
 */
public record CloseBillingCycleResponse(LocalDate date, int accounts, int closed, int failed) {

    static CloseBillingCycleResponse of(BillingCycles.CloseOutcome outcome) {
        return new CloseBillingCycleResponse(outcome.date(), outcome.accounts(), outcome.closed(), outcome.failed());
    }
}
